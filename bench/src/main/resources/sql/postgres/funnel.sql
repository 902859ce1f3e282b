-- 3 > 4|13 > 7 > pay within 14d. The steps' types are disjoint, so for one entry the earliest event of each
-- next step is optimal (exact, ties included): one LATERAL lookup per step and request; deepest per user.
WITH chains AS (
  SELECT e1.u, s2.t AS t2, s3.t AS t3, s4.t AS t4
  FROM ev e1
  LEFT JOIN LATERAL (SELECT min(x.t) AS t FROM ev x WHERE x.u = e1.u AND x.typ IN (4, 13)
                     AND x.t >= e1.t AND x.t <= e1.t + interval '14 days') s2 ON true
  LEFT JOIN LATERAL (SELECT min(x.t) AS t FROM ev x WHERE x.u = e1.u AND x.typ = 7
                     AND x.t >= s2.t AND x.t <= e1.t + interval '14 days') s3 ON true
  LEFT JOIN LATERAL (SELECT min(x.t) AS t FROM ev x WHERE x.u = e1.u AND x.typ = -1
                     AND x.t >= s3.t AND x.t <= e1.t + interval '14 days') s4 ON true
  WHERE e1.typ = 3 /*RANGE*/
), depth AS (
  SELECT u, max(CASE WHEN t4 IS NOT NULL THEN 4 WHEN t3 IS NOT NULL THEN 3 WHEN t2 IS NOT NULL THEN 2 ELSE 1 END) AS d
  FROM chains GROUP BY u
), touch AS (
  SELECT DISTINCT ON (u) u, utm_source FROM ev WHERE utm_source IS NOT NULL ORDER BY u, t
)
SELECT /*GROUP*/ s::text AS k, count(*) FILTER (WHERE d >= s) AS v
FROM depth LEFT JOIN touch USING (u), generate_series(1, 4) AS s
GROUP BY 1
