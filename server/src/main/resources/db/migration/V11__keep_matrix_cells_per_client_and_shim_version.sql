-- The matrix keeps its counters only in the finest cells (row x client version x shim version):
-- each report touches one cell and one member row instead of four of each. The views with client
-- or shim columns add cells up; their distinct installations, which do not add up, are kept apart
-- in matrix_distinct and change only when an installation first appears in such a cell.
-- No foreign keys between these tables: one code path writes them under the project's rollup
-- lock, and every key index is work for each update.
DROP TABLE matrix_member;
DROP TABLE matrix_cell;

CREATE TABLE matrix_cell (
    project_id                 BIGINT       NOT NULL,
    cell_hash                  VARCHAR(32)  NOT NULL,
    row_hash                   VARCHAR(32)  NOT NULL,
    client_name                VARCHAR(128) NOT NULL,
    client_version             VARCHAR(64)  NOT NULL,
    shim_version               VARCHAR(64)  NOT NULL,
    reports                    BIGINT       NOT NULL,
    installations              BIGINT       NOT NULL,
    outcome_works              BIGINT       NOT NULL,
    outcome_select_problem     BIGINT       NOT NULL,
    outcome_traps              BIGINT       NOT NULL,
    outcome_other              BIGINT       NOT NULL,
    unknown_healthy            BIGINT       NOT NULL,
    unknown_other              BIGINT       NOT NULL,
    trap_reports               BIGINT       NOT NULL,
    trapped_reports            BIGINT       NOT NULL,
    anomaly_reports            BIGINT       NOT NULL,
    self_test_failure_reports  BIGINT       NOT NULL,
    last_seen                  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_matrix_cell PRIMARY KEY (project_id, cell_hash)
);

-- An installation's reports in a cell, keyed installation first: a batch reads the memberships of
-- its installations with one IN (...) on the key's first column (which both databases serve from
-- the index; H2 does not for a later column), and a deletion finds them all. The coarser keys the cell
-- belongs to are kept so a batch can tell whether an installation is new to them.
CREATE TABLE matrix_member (
    project_id       BIGINT      NOT NULL,
    installation_id  UUID        NOT NULL,
    cell_hash        VARCHAR(32) NOT NULL,
    client_key       VARCHAR(32) NOT NULL,
    shim_key         VARCHAR(32) NOT NULL,
    name_key         VARCHAR(32) NOT NULL,
    reports          BIGINT      NOT NULL,
    last_seen        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_matrix_member PRIMARY KEY (installation_id, project_id, cell_hash)
);

-- Distinct installations per row and client version (client), per row and shim version (shim)
-- and per row, client name and shim version (name).
CREATE TABLE matrix_distinct (
    project_id     BIGINT      NOT NULL,
    key_hash       VARCHAR(32) NOT NULL,
    family         VARCHAR(8)  NOT NULL,
    installations  BIGINT      NOT NULL,
    CONSTRAINT pk_matrix_distinct PRIMARY KEY (project_id, key_hash)
);

-- Projects with reports get their matrix rebuilt from them on the next start.
INSERT INTO rollup_pending (project_id, max_report_row)
    SELECT p.id, 0 FROM project p
    WHERE EXISTS (SELECT 1 FROM report r WHERE r.project_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM rollup_pending q WHERE q.project_id = p.id);
