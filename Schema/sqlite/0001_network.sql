-- labnet schema, SQLite dialect. Times are UTC seconds since the Unix epoch,
-- money is integer fen. STRICT tables refuse values of the wrong type.

CREATE TABLE unit (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  province TEXT NOT NULL CHECK (province IN ('SH', 'JS', 'ZJ', 'AH')),
  city TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('university', 'institute', 'enterprise', 'hospital', 'other')),
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX unit_name ON unit (name);
CREATE INDEX unit_province_city ON unit (province, city);

CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  unit_id INTEGER REFERENCES unit (id),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE account_role (
  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'researcher', 'auditor', 'issuer')),
  unit_id INTEGER REFERENCES unit (id),
  province TEXT CHECK (province IN ('SH', 'JS', 'ZJ', 'AH')),
  CHECK ((role = 'manager') = (unit_id IS NOT NULL)),
  CHECK (role <> 'issuer' OR province IS NOT NULL),
  CHECK (role IN ('auditor', 'issuer') OR province IS NULL)
) STRICT;
CREATE UNIQUE INDEX account_role_once
  ON account_role (account_id, role, coalesce(unit_id, 0), coalesce(province, ''));
CREATE INDEX account_role_unit ON account_role (unit_id);

CREATE TABLE instrument (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES unit (id),
  name TEXT NOT NULL CHECK (length(name) >= 1),
  model TEXT NOT NULL DEFAULT '',
  manufacturer TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL CHECK (category IN (
    'analytical', 'physical_property', 'metrology', 'electronic_measurement',
    'oceanographic', 'geophysical', 'atmospheric', 'special_testing', 'laser',
    'process_testing', 'computing', 'medical_research', 'nuclear', 'astronomical', 'other')),
  -- The admission bar (300,000.00 yuan); the tier is derived from the value in Swift.
  value_fen INTEGER NOT NULL CHECK (value_fen >= 30000000),
  hourly_rate_fen INTEGER NOT NULL CHECK (hourly_rate_fen >= 0),
  location TEXT NOT NULL DEFAULT '',
  opening_hours TEXT NOT NULL DEFAULT 'Mon-Fri 08:00-20:00',
  status TEXT NOT NULL DEFAULT 'in_service'
    CHECK (status IN ('in_service', 'under_maintenance', 'retired')),
  shared INTEGER NOT NULL DEFAULT 1 CHECK (shared IN (0, 1)),
  granularity_minutes INTEGER NOT NULL DEFAULT 15
    CHECK (granularity_minutes BETWEEN 1 AND 1440 AND 1440 % granularity_minutes = 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX instrument_unit ON instrument (unit_id);
-- Category (and tier, as a value range) filters; it also covers the columns
-- network search reads, so a filtered search never visits the table.
CREATE INDEX instrument_category_value
  ON instrument (category, value_fen, unit_id, status, shared, granularity_minutes, opening_hours);
CREATE INDEX instrument_value ON instrument (value_fen);

CREATE TABLE maintenance_block (
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instrument (id),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_by INTEGER REFERENCES account (id),
  created_at INTEGER NOT NULL,
  CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX maintenance_block_instrument ON maintenance_block (instrument_id, ends_at);

CREATE TABLE reservation (
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instrument (id),
  booker_id INTEGER NOT NULL REFERENCES account (id),
  booker_unit_id INTEGER NOT NULL REFERENCES unit (id),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL
    CHECK (status IN ('pending', 'confirmed', 'cancelled', 'rejected', 'completed', 'no_show')),
  quoted_fee_fen INTEGER NOT NULL CHECK (quoted_fee_fen >= 0),
  used_from INTEGER,
  used_to INTEGER,
  charged_fee_fen INTEGER CHECK (charged_fee_fen >= 0),
  status_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (ends_at > starts_at),
  -- At most 72 hours (BookingRules.maximumSeconds): queries for a window can
  -- then bound ends_at from both sides and use the index tightly.
  CHECK (ends_at - starts_at <= 259200),
  CHECK ((used_from IS NULL) = (used_to IS NULL)),
  CHECK (used_to IS NULL OR used_to > used_from),
  CHECK (status <> 'completed' OR (used_from IS NOT NULL AND charged_fee_fen IS NOT NULL))
) STRICT;
-- (instrument_id, ends_at) serves the overlap check and availability: both ask
-- for reservations ending after a moment, which are few compared with history.
CREATE INDEX reservation_instrument_ends ON reservation (instrument_id, ends_at);
CREATE INDEX reservation_booker ON reservation (booker_id, starts_at);
CREATE INDEX reservation_unit ON reservation (booker_unit_id, starts_at);
CREATE INDEX reservation_starts ON reservation (starts_at);

-- No two active reservations of one instrument overlap. Runs inside the
-- BEGIN IMMEDIATE write transaction, so concurrent writers are serialised.
CREATE TRIGGER reservation_no_overlap_insert
BEFORE INSERT ON reservation
WHEN NEW.status IN ('pending', 'confirmed', 'completed')
BEGIN
  SELECT RAISE(ABORT, 'reservation_overlap')
  WHERE EXISTS (
    SELECT 1 FROM reservation AS r
    WHERE r.instrument_id = NEW.instrument_id
      AND r.ends_at > NEW.starts_at AND r.starts_at < NEW.ends_at
      AND r.status IN ('pending', 'confirmed', 'completed'));
END;

CREATE TRIGGER reservation_no_overlap_update
BEFORE UPDATE OF instrument_id, starts_at, ends_at, status ON reservation
WHEN NEW.status IN ('pending', 'confirmed', 'completed')
BEGIN
  SELECT RAISE(ABORT, 'reservation_overlap')
  WHERE EXISTS (
    SELECT 1 FROM reservation AS r
    WHERE r.instrument_id = NEW.instrument_id AND r.id <> NEW.id
      AND r.ends_at > NEW.starts_at AND r.starts_at < NEW.ends_at
      AND r.status IN ('pending', 'confirmed', 'completed'));
END;

CREATE TABLE voucher_policy (
  province TEXT PRIMARY KEY CHECK (province IN ('SH', 'JS', 'ZJ', 'AH')),
  cover_basis_points INTEGER NOT NULL DEFAULT 5000
    CHECK (cover_basis_points BETWEEN 1 AND 10000),
  cap_fen INTEGER CHECK (cap_fen > 0),
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE voucher_acceptance (
  issuing_province TEXT NOT NULL REFERENCES voucher_policy (province),
  provider_province TEXT NOT NULL CHECK (provider_province IN ('SH', 'JS', 'ZJ', 'AH')),
  PRIMARY KEY (issuing_province, provider_province)
) STRICT;

INSERT INTO voucher_policy (province, updated_at)
VALUES ('SH', 0), ('JS', 0), ('ZJ', 0), ('AH', 0);
INSERT INTO voucher_acceptance (issuing_province, provider_province)
SELECT i.province, p.province FROM voucher_policy AS i CROSS JOIN voucher_policy AS p;

CREATE TABLE voucher (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  province TEXT NOT NULL CHECK (province IN ('SH', 'JS', 'ZJ', 'AH')),
  holder_unit_id INTEGER NOT NULL REFERENCES unit (id),
  face_value_fen INTEGER NOT NULL CHECK (face_value_fen > 0),
  -- Kept equal to the ledger's sum by voucher_ledger_apply; never below zero.
  balance_fen INTEGER NOT NULL DEFAULT 0,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  issued_by INTEGER REFERENCES account (id),
  issued_at INTEGER NOT NULL,
  CHECK (valid_to > valid_from),
  CHECK (balance_fen >= 0 AND balance_fen <= face_value_fen)
) STRICT;
CREATE INDEX voucher_holder ON voucher (holder_unit_id);
CREATE INDEX voucher_province ON voucher (province);

-- Append-only: every change of a balance is a row; amount_fen is the signed
-- change (issue and refunds raise the balance, redemptions lower it).
CREATE TABLE voucher_ledger (
  id INTEGER PRIMARY KEY,
  voucher_id INTEGER NOT NULL REFERENCES voucher (id),
  reservation_id INTEGER REFERENCES reservation (id),
  entry TEXT NOT NULL CHECK (entry IN ('issue', 'redeem', 'refund', 'settle')),
  amount_fen INTEGER NOT NULL,
  actor_id INTEGER REFERENCES account (id),
  recorded_at INTEGER NOT NULL,
  CHECK (CASE entry WHEN 'redeem' THEN amount_fen < 0 ELSE amount_fen > 0 END),
  CHECK (entry = 'issue' OR reservation_id IS NOT NULL)
) STRICT;
CREATE INDEX voucher_ledger_voucher ON voucher_ledger (voucher_id);
CREATE INDEX voucher_ledger_reservation ON voucher_ledger (reservation_id);

CREATE TRIGGER voucher_ledger_apply
AFTER INSERT ON voucher_ledger
BEGIN
  UPDATE voucher SET balance_fen = balance_fen + NEW.amount_fen WHERE id = NEW.voucher_id;
END;

CREATE TRIGGER voucher_ledger_no_update
BEFORE UPDATE ON voucher_ledger
BEGIN
  SELECT RAISE(ABORT, 'voucher_ledger is append-only');
END;

CREATE TRIGGER voucher_ledger_no_delete
BEFORE DELETE ON voucher_ledger
BEGIN
  SELECT RAISE(ABORT, 'voucher_ledger is append-only');
END;
