-- windowFunnel over each user's events; an entry is a request (inside the range for the one-week question).
-- windowFunnel takes rows of one second in storage order, so a same-second conversion (a request and its
-- WhatsApp auto-reply) could be missed. Voronka's definition allows equal timestamps in either order, so the
-- time is scaled by 4 and the step's rank added (request 0, contact 1, intro lesson 2, payment 3): rows of one
-- second then come in step order, and with these disjoint steps the count is exact. The window becomes
-- 4·W + 3 = 4838403: the last step's scaled distance from the entry is 4·(tj − t1) + rank, rank in 1..3.
-- windowFunnel here (18.16) takes only DateTime or UInt32 and keeps chain starts as signed 32-bit numbers, so
-- seconds count from the earliest event: 4 × seconds stays below 2^31 for data spanning up to 17 years.
SELECT /*GROUP*/ toString(s) AS k, countIf(level >= s) AS v
FROM (
  SELECT u, windowFunnel(4838403)(toUInt32((toUInt32(t) - (SELECT toUInt32(min(t)) FROM ev)) * 4 + multiIf(typ = 3, 0, typ IN (4, 13), 1, typ = 7, 2, 3)),
                                  typ = 3 /*CHRANGE*/, typ IN (4, 13), typ = 7, typ = -1) AS level
  FROM ev GROUP BY u
) AS f
ARRAY JOIN [1, 2, 3, 4] AS s
ANY LEFT JOIN (SELECT u, argMin(utm_source, t) AS touch FROM ev WHERE utm_source != '' GROUP BY u) AS g USING u
WHERE level > 0
GROUP BY k
