-- Raw documents as TEXT: PostgreSQL's native unbounded text, and on H2 a large object kept
-- apart from the row, so inserting a report no longer rewrites pages full of 4 KiB rows.
ALTER TABLE report ALTER COLUMN raw_json SET DATA TYPE TEXT;
