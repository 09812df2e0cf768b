-- `booking move`: a booking keeps its id at a new time, re-quoted at the
-- instrument's rate of now. Nothing to change here: the overlap trigger of
-- 0001 already guards an UPDATE of starts_at and ends_at, and SQLite has no
-- column grants. The version keeps both dialects' migrations in step.
SELECT 1;
