-- Matrix rows are grouped the way a user describes their machine: platform, stack version (the
-- kernel series on Linux) and fix level (on OS/2 the stack's CSD level and whether NEWSTACK is
-- in), instead of one row per distinct set of fixes. The full fix set moves into the cell key, so
-- a drill-down can still list a row's fix sets. Pair and row keys join the coarse keys whose
-- distinct installations are kept, since a view now always adds cells of several fix sets up.
-- The rollup tables are emptied and rebuilt from the report rows on the next start (the rows hold
-- everything the grouping needs: OS, stack version, stack level and fixes).
DELETE FROM matrix_member;
DELETE FROM matrix_distinct;
DELETE FROM matrix_cell;
DELETE FROM matrix_row;

ALTER TABLE matrix_row DROP COLUMN fixes_key;
ALTER TABLE matrix_row ADD COLUMN fix_level VARCHAR(256) NOT NULL;

ALTER TABLE matrix_cell ADD COLUMN fixes_key VARCHAR(2048) NOT NULL;

ALTER TABLE matrix_member ADD COLUMN pair_key VARCHAR(32) NOT NULL;
ALTER TABLE matrix_member ADD COLUMN row_key VARCHAR(32) NOT NULL;

INSERT INTO rollup_pending (project_id, max_report_row)
    SELECT p.id, 0 FROM project p
    WHERE EXISTS (SELECT 1 FROM report r WHERE r.project_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM rollup_pending q WHERE q.project_id = p.id);
