-- An instrument's asset number (资产编号), the key its unit's own asset
-- register gives it: optional, and unique within the unit, so importing a
-- unit's sheet twice cannot register its instruments twice.
ALTER TABLE instrument ADD COLUMN asset_number TEXT
  CHECK (asset_number IS NULL OR length(asset_number) BETWEEN 1 AND 100);
CREATE UNIQUE INDEX instrument_unit_asset_number ON instrument (unit_id, asset_number)
  WHERE asset_number IS NOT NULL;
