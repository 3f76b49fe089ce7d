-- Fewer indexes for every insert to maintain: the idempotency key leads with report_id, so the
-- one unique index serves both "is this report stored?" lookups and the race check, and the
-- received_at index duplicates (project_id, received_at).
ALTER TABLE report DROP CONSTRAINT uq_report_project_report;
DROP INDEX ix_report_report_id;
DROP INDEX ix_report_received;
ALTER TABLE report ADD CONSTRAINT uq_report_report_project UNIQUE (report_id, project_id);
