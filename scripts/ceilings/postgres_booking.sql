-- The ceiling for labnet's PostgreSQL booking benchmark: pgbench running the
-- statements NetworkService.book runs (the acting account, then the
-- instrument under its lock, the conflicts, the insert), each booking one transaction. Run as
--   pgbench -n -M prepared -f postgres_booking.sql -D base=EPOCH -D instruments=N -c C -j J -T S URL
-- `base` is a future instant on the 15-minute grid; slots fall within 85 days.
-- ON CONFLICT DO NOTHING lets an (unlikely) random collision pass instead of
-- aborting the client, where labnet refuses it with a message.
\set instrument random(1, :instruments)
\set slot random(0, 8159)
\set start :base + :slot * 900
\set finish :start + 900
BEGIN;
SELECT a.id, a.login, a.display_name, a.unit_id, r.role, r.unit_id, r.province
FROM account AS a LEFT JOIN account_role AS r ON r.account_id = a.id
WHERE a.login = 'r0001' ORDER BY r.role, r.unit_id, r.province;
SELECT i.id, i.unit_id, i.name, i.model, i.manufacturer, i.category, i.value_fen,
  i.hourly_rate_fen, i.location, i.opening_hours, i.status, i.shared, i.granularity_minutes,
  u.id, u.name, u.province, u.city, u.kind
FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE i.id = :instrument FOR UPDATE OF i;
SELECT starts_at, ends_at, reason FROM maintenance_block WHERE instrument_id = :instrument AND ends_at > :start AND starts_at < :finish ORDER BY starts_at LIMIT 1;
SELECT starts_at, ends_at FROM reservation WHERE instrument_id = :instrument AND ends_at > :start AND starts_at < :finish AND status IN ('pending', 'confirmed', 'completed') AND id <> 0 ORDER BY starts_at LIMIT 1;
INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at, purpose, status, hourly_rate_fen, quoted_fee_fen, created_at, updated_at)
VALUES (:instrument, 2, 1, :start, :finish, 'bench', 'confirmed', 100000, 25000, :base, :base) ON CONFLICT DO NOTHING RETURNING id;
COMMIT;
