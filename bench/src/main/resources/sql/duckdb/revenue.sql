SELECT strftime(transaction_created_at, '%Y-%m-%d') AS k, sum(amount) AS v FROM payments WHERE NOT is_gift GROUP BY 1
