-- Trigram matching for the admin search (ILIKE '%…%'); a trusted extension since PostgreSQL 13.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
