-- Qualifications: an instrument may need training before it is booked, and
-- may recognise other units' training (the passport, on by default). A
-- qualification is a person's record for an instrument model — its
-- manufacturer and model, or its category when the granting instrument
-- names neither — granted by a manager of a unit owning such an instrument.
ALTER TABLE instrument ADD COLUMN training_required INTEGER NOT NULL DEFAULT 0
  CHECK (training_required IN (0, 1));
ALTER TABLE instrument ADD COLUMN accepts_external_qualifications INTEGER NOT NULL DEFAULT 1
  CHECK (accepts_external_qualifications IN (0, 1));

CREATE TABLE qualification (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account (id),
  -- Both empty for a category qualification.
  manufacturer TEXT NOT NULL CHECK (length(manufacturer) <= 200),
  model TEXT NOT NULL CHECK (length(model) <= 200),
  category TEXT NOT NULL,
  granted_by INTEGER NOT NULL REFERENCES account (id),
  granted_unit_id INTEGER NOT NULL REFERENCES unit (id),
  granted_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL CHECK (expires_at > granted_at),
  last_used_at INTEGER,
  revoked_at INTEGER,
  revoked_by INTEGER REFERENCES account (id),
  CHECK ((manufacturer = '') = (model = '')),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
) STRICT;
CREATE INDEX qualification_account ON qualification (account_id, category);
