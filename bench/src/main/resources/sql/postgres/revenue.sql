SELECT to_char(transaction_created_at, 'YYYY-MM-DD') AS k, sum(amount) AS v FROM payments WHERE NOT is_gift GROUP BY 1
