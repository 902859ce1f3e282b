SELECT to_char(t, 'YYYY-MM-DD') AS k, count(DISTINCT u) AS v FROM ev GROUP BY 1
