-- Cohort: month of the user's first request; return: a payment at or after it, age in calendar months (0..5).
WITH first AS (SELECT u, min(t) AS t FROM ev WHERE typ = 3 GROUP BY u),
pay AS (SELECT DISTINCT u, t FROM ev WHERE typ = -1),
aged AS (
  SELECT f.u, to_char(f.t, 'YYYY-MM') AS cohort,
         ((extract(year FROM p.t) - extract(year FROM f.t)) * 12 + extract(month FROM p.t) - extract(month FROM f.t))::int AS age
  FROM first f JOIN pay p ON p.u = f.u AND p.t >= f.t
)
SELECT cohort || '/' || age AS k, count(DISTINCT u) AS v FROM aged WHERE age < 6 GROUP BY cohort, age
