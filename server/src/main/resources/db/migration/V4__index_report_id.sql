-- The ingest writer looks up a batch of report ids at once (report_id IN (...)); the unique
-- index on (project_id, report_id) cannot serve that on H2, this one can on both databases.
CREATE INDEX ix_report_report_id ON report (report_id);
