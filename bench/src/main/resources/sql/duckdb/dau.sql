SELECT strftime(t, '%Y-%m-%d') AS k, count(DISTINCT u) AS v FROM ev GROUP BY 1
