-- An instrument's asset number (资产编号), the key its unit's own asset
-- register gives it: optional, and unique within the unit, so importing a
-- unit's sheet twice cannot register its instruments twice.
ALTER TABLE instrument ADD COLUMN asset_number text
  CHECK (asset_number IS NULL OR length(asset_number) BETWEEN 1 AND 100);
CREATE UNIQUE INDEX instrument_unit_asset_number ON instrument (unit_id, asset_number)
  WHERE asset_number IS NOT NULL;
-- labnet_app updates only the columns it changes (0004): an asset number too.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_app') THEN
    GRANT UPDATE (asset_number) ON instrument TO labnet_app;
  END IF;
END $$;
