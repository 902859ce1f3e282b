-- windowFunnel over each user's events; an entry is a request (inside the range for the one-week question).
-- Its steps are disjoint conditions, so one row never fills two steps; but rows sharing one second are taken in
-- storage order, so a same-second conversion (request and WhatsApp auto-reply) can be missed.
SELECT /*GROUP*/ toString(s) AS k, countIf(level >= s) AS v
FROM (
  SELECT u, windowFunnel(1209600)(t, typ = 3 /*CHRANGE*/, typ IN (4, 13), typ = 7, typ = -1) AS level
  FROM ev GROUP BY u
) AS f
ARRAY JOIN [1, 2, 3, 4] AS s
ANY LEFT JOIN (SELECT u, argMin(utm_source, t) AS touch FROM ev WHERE utm_source != '' GROUP BY u) AS g USING u
WHERE level > 0
GROUP BY k
