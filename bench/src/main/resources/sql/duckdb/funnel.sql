-- 3 > 4|13 > 7 > pay within 14d with ASOF joins: for each request the earliest event of the next step at or
-- after the previous one (exact for disjoint step types, equal timestamps included); deepest per user.
WITH e1 AS (SELECT e1.u, e1.t FROM ev AS e1 WHERE e1.typ = 3 /*RANGE*/),
s2 AS (SELECT u, t FROM ev WHERE typ IN (4, 13)),
s3 AS (SELECT u, t FROM ev WHERE typ = 7),
s4 AS (SELECT u, t FROM ev WHERE typ = -1),
c2 AS (SELECT e1.u, e1.t AS t1, CASE WHEN s2.t <= e1.t + INTERVAL 14 DAY THEN s2.t END AS t2
       FROM e1 ASOF LEFT JOIN s2 ON e1.u = s2.u AND s2.t >= e1.t),
c3 AS (SELECT c2.*, CASE WHEN s3.t <= c2.t1 + INTERVAL 14 DAY THEN s3.t END AS t3
       FROM c2 ASOF LEFT JOIN s3 ON c2.u = s3.u AND s3.t >= c2.t2),
c4 AS (SELECT c3.*, CASE WHEN s4.t <= c3.t1 + INTERVAL 14 DAY THEN s4.t END AS t4
       FROM c3 ASOF LEFT JOIN s4 ON c3.u = s4.u AND s4.t >= c3.t3),
depth AS (SELECT u, max(CASE WHEN t4 IS NOT NULL THEN 4 WHEN t3 IS NOT NULL THEN 3 WHEN t2 IS NOT NULL THEN 2 ELSE 1 END) AS d
          FROM c4 GROUP BY u),
touch AS (SELECT u, arg_min(utm_source, t) AS utm_source FROM ev WHERE utm_source IS NOT NULL GROUP BY u)
SELECT /*GROUP*/ CAST(s AS VARCHAR) AS k, count(*) FILTER (WHERE d >= s) AS v
FROM depth LEFT JOIN touch USING (u), range(1, 5) AS r(s)
GROUP BY 1
