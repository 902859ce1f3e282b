SELECT concat(cohort, '/', toString(age)) AS k, uniqExact(u) AS v
FROM (
  SELECT u, formatDateTime(ft, '%Y-%m') AS cohort,
         (toYear(pt) - toYear(ft)) * 12 + toMonth(pt) - toMonth(ft) AS age
  FROM (SELECT u, min(t) AS ft FROM ev WHERE typ = 3 GROUP BY u)
  ALL INNER JOIN (SELECT u, t AS pt FROM ev WHERE typ = -1) USING u
  WHERE pt >= ft
)
WHERE age < 6
GROUP BY cohort, age
