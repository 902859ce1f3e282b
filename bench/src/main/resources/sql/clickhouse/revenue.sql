SELECT toString(toDate(t)) AS k, sum(amount) AS v FROM pay GROUP BY k
