-- The catalogue's version: a number that changes in the same transaction as
-- any change of an instrument or a unit, so a process may keep what the
-- network search reads of the catalogue and know, with one row, whether it
-- still holds. It starts at a random number, so two databases (a store made
-- anew at the same path) never share a version.
CREATE TABLE catalogue_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO catalogue_version (id, version) VALUES (1, random() % 1000000000000 + 1000000000000);

CREATE TRIGGER instrument_inserted_catalogue AFTER INSERT ON instrument
BEGIN UPDATE catalogue_version SET version = version + 1; END;
CREATE TRIGGER instrument_updated_catalogue AFTER UPDATE ON instrument
BEGIN UPDATE catalogue_version SET version = version + 1; END;
CREATE TRIGGER instrument_deleted_catalogue AFTER DELETE ON instrument
BEGIN UPDATE catalogue_version SET version = version + 1; END;
CREATE TRIGGER unit_inserted_catalogue AFTER INSERT ON unit
BEGIN UPDATE catalogue_version SET version = version + 1; END;
CREATE TRIGGER unit_updated_catalogue AFTER UPDATE ON unit
BEGIN UPDATE catalogue_version SET version = version + 1; END;
CREATE TRIGGER unit_deleted_catalogue AFTER DELETE ON unit
BEGIN UPDATE catalogue_version SET version = version + 1; END;
