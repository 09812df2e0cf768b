-- Messages a scheduled run writes (a booking's reminder 24 hours before, a
-- voucher expiring within 30 days) carry a key, so each is written once
-- however often the run comes.
ALTER TABLE notification ADD COLUMN once_key TEXT;
CREATE UNIQUE INDEX notification_once ON notification (once_key) WHERE once_key IS NOT NULL;
