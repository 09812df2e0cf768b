-- What the HTTP API adds: a manager removes a maintenance block; a POST
-- that creates something stores its reply under the client's
-- Idempotency-Key, in the same transaction, so a retry returns it and does
-- nothing more; and each person's calendar feed token.
CREATE TABLE idempotent_reply (
  account_id bigint NOT NULL REFERENCES account (id),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  -- The SHA-256 of the method, path and body: one key, one request.
  request_sha256 text NOT NULL CHECK (length(request_sha256) = 64),
  status integer NOT NULL CHECK (status BETWEEN 200 AND 299),
  body text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (account_id, key)
);
CREATE INDEX idempotent_reply_created ON idempotent_reply (created_at);

-- The secret of a person's iCalendar subscription. Kept as it is (not
-- hashed): whoever can read this table can read the reservations it shows.
CREATE TABLE calendar_feed (
  token text PRIMARY KEY CHECK (length(token) = 43),
  account_id bigint NOT NULL UNIQUE REFERENCES account (id),
  created_at bigint NOT NULL
);

-- This installation's name in iCalendar UIDs, so two networks' bookings
-- never share one in a person's calendar.
CREATE TABLE installation (id text PRIMARY KEY CHECK (length(id) = 32));
INSERT INTO installation (id) SELECT replace(gen_random_uuid()::text, '-', '');

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_app') THEN
    GRANT DELETE ON maintenance_block TO labnet_app;
    GRANT SELECT, INSERT, DELETE ON idempotent_reply, calendar_feed TO labnet_app;
    -- A renewal replaces the token in one upsert.
    GRANT UPDATE (token, created_at) ON calendar_feed TO labnet_app;
    GRANT SELECT ON installation TO labnet_app;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_owner') THEN
    ALTER TABLE idempotent_reply OWNER TO labnet_owner;
    ALTER TABLE calendar_feed OWNER TO labnet_owner;
    ALTER TABLE installation OWNER TO labnet_owner;
  END IF;
END $$;
