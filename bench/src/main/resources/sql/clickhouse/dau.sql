SELECT toString(toDate(t)) AS k, uniqExact(u) AS v FROM ev GROUP BY k
