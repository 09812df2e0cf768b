-- Waitlists: a person waits for any free run of a duration inside a window
-- of one instrument; freed time goes to the earliest waiter it fits, booked
-- in the same transaction. And the outbox: every change a person should hear
-- of is a message row written in the same transaction as the change.
CREATE TABLE waitlist_entry (
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instrument (id),
  account_id INTEGER NOT NULL REFERENCES account (id),
  booker_unit_id INTEGER NOT NULL REFERENCES unit (id),
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 4320),
  purpose TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'waiting'
    CHECK (status IN ('waiting', 'booked', 'left', 'skipped')),
  status_reason TEXT,
  booking_id INTEGER REFERENCES reservation (id),
  created_at INTEGER NOT NULL,
  closed_at INTEGER,
  CHECK (window_end > window_start),
  CHECK ((status = 'booked') = (booking_id IS NOT NULL))
) STRICT;
CREATE INDEX waitlist_waiting ON waitlist_entry (instrument_id, created_at, id)
  WHERE status = 'waiting';
CREATE INDEX waitlist_account ON waitlist_entry (account_id, id);

CREATE TABLE notification (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account (id),
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  sent_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT
) STRICT;
CREATE INDEX notification_account ON notification (account_id, id);
CREATE INDEX notification_pending ON notification (next_attempt_at, id) WHERE sent_at IS NULL;
