WITH first AS (SELECT u, min(t) AS t FROM ev WHERE typ = 3 GROUP BY u),
pay AS (SELECT DISTINCT u, t FROM ev WHERE typ = -1),
aged AS (
  SELECT f.u, strftime(f.t, '%Y-%m') AS cohort,
         CAST((year(p.t) - year(f.t)) * 12 + month(p.t) - month(f.t) AS INTEGER) AS age
  FROM first f JOIN pay p ON p.u = f.u AND p.t >= f.t
)
SELECT cohort || '/' || CAST(age AS VARCHAR) AS k, count(DISTINCT u) AS v FROM aged WHERE age < 6 GROUP BY cohort, age
