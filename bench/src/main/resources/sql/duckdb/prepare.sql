CREATE OR REPLACE TABLE ev AS
  SELECT _user_id AS u, event_id AS typ, happened_at AS t, utm_source FROM events
  UNION ALL
  SELECT _user_id, -1, transaction_created_at, NULL FROM payments WHERE NOT is_gift;
