-- Messages a scheduled run writes (a booking's reminder 24 hours before, a
-- voucher expiring within 30 days) carry a key, so each is written once
-- however often the run comes. (labnet_app's INSERT covers the new column.)
ALTER TABLE notification ADD COLUMN once_key text;
CREATE UNIQUE INDEX notification_once ON notification (once_key) WHERE once_key IS NOT NULL;
