-- What the HTTP API adds: a POST that creates something stores its reply
-- under the client's Idempotency-Key, in the same transaction, so a retry
-- returns it and does nothing more; and each person's calendar feed token.
CREATE TABLE idempotent_reply (
  account_id INTEGER NOT NULL REFERENCES account (id),
  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  -- The SHA-256 of the method, path and body: one key, one request.
  request_sha256 TEXT NOT NULL CHECK (length(request_sha256) = 64),
  status INTEGER NOT NULL CHECK (status BETWEEN 200 AND 299),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, key)
) STRICT;
CREATE INDEX idempotent_reply_created ON idempotent_reply (created_at);

-- The secret of a person's iCalendar subscription. Kept as it is (not
-- hashed): whoever can read this file can read the reservations it shows.
CREATE TABLE calendar_feed (
  token TEXT PRIMARY KEY CHECK (length(token) = 43),
  account_id INTEGER NOT NULL UNIQUE REFERENCES account (id),
  created_at INTEGER NOT NULL
) STRICT;

-- This installation's name in iCalendar UIDs, so two networks' bookings
-- never share one in a person's calendar.
CREATE TABLE installation (id TEXT PRIMARY KEY CHECK (length(id) = 32)) STRICT;
INSERT INTO installation (id) VALUES (lower(hex(randomblob(16))));
