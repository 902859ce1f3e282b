-- One narrow table of all events (payments as type -1, gifts left out, as Voronka's config does), indexed for
-- the LATERAL funnel; built once, like Voronka's load.
DROP TABLE IF EXISTS ev;
CREATE TABLE ev AS
  SELECT _user_id AS u, event_id AS typ, happened_at AS t, utm_source FROM events
  UNION ALL
  SELECT _user_id, -1, transaction_created_at, NULL FROM payments WHERE NOT is_gift;
CREATE INDEX ev_u_typ_t ON ev (u, typ, t);
ANALYZE ev;
