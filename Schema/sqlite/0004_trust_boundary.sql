-- The trust boundary is PostgreSQL's (roles and grants): whoever holds a
-- SQLite file holds the keys. This migration keeps both dialects' version
-- numbers equal and changes nothing.
SELECT 1;
