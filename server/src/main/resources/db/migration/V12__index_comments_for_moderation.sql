-- Comment moderation: when a maintainer last decided on a report's comment, and an index that
-- finds a project's comments by status, oldest first, without reading every report.
ALTER TABLE report ADD COLUMN comment_decided_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_report_project_comment ON report (project_id, comment_status, received_at);
