-- Monthly retention with ClickHouse's retention(): per user, one row for the cohort (the month of the first
-- request, a = -1) and one per payment from that request on (a = months since the cohort month).
-- retention(c_cohort, c_age0, …, c_age5)[i + 2] is 1 when the user has the cohort row and a payment at age i.
-- Each row satisfies exactly one condition: this server's version (18.16) records only the first true condition
-- of a row, so a constant-true first condition would hide every return.
SELECT concat(cohort, '/', toString(age - 1)) AS k, sum(hit) AS v
FROM (
  SELECT u, formatDateTime(ft, '%Y-%m') AS cohort,
         arraySlice(retention(a = -1, a = 0, a = 1, a = 2, a = 3, a = 4, a = 5), 2) AS r
  FROM (
    SELECT u, ft, toInt32(-1) AS a FROM (SELECT u, min(t) AS ft FROM ev WHERE typ = 3 GROUP BY u)
    UNION ALL
    SELECT u, ft, toInt32((toYear(pt) - toYear(ft)) * 12 + toMonth(pt) - toMonth(ft)) AS a
    FROM (SELECT u, min(t) AS ft FROM ev WHERE typ = 3 GROUP BY u)
    ALL INNER JOIN (SELECT u, t AS pt FROM ev WHERE typ = -1) USING u
    WHERE pt >= ft
  )
  GROUP BY u, ft
)
ARRAY JOIN r AS hit, arrayEnumerate(r) AS age
GROUP BY k
