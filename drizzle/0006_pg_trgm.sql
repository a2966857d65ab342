-- Trigram indexes make "part of a name" searches (ILIKE '%…%') index scans instead of table scans.
-- pg_trgm ships with PostgreSQL's contrib modules; the embedded engine loads PGlite's build of it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
