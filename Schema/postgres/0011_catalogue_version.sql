-- The catalogue's version: a number that changes in the same transaction as
-- any change of an instrument or a unit, so a process may keep what the
-- network search reads of the catalogue and know, with one row, whether it
-- still holds. It starts at a random number, so two databases (a store made
-- anew under the same URL) never share a version. A statement-level trigger
-- moves it once per statement; it runs as the owner, so labnet_app can read
-- the version but never set it back.
CREATE TABLE catalogue_version (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, floor(random() * 1e12)::bigint + 1);

CREATE OR REPLACE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE public.catalogue_version SET version = version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER instrument_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON instrument FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER unit_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON unit FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_owner') THEN
    ALTER TABLE catalogue_version OWNER TO labnet_owner;
    ALTER FUNCTION catalogue_changed() OWNER TO labnet_owner;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_app') THEN
    GRANT SELECT ON catalogue_version TO labnet_app;
  END IF;
END $$;
