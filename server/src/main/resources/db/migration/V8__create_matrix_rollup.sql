-- The compatibility matrix, kept up to date at ingest and deletion so that reading it costs the
-- number of cells, not of reports. Rows and cells are keyed by a hash of their canonical key, so a
-- batch of reports updates them by key without looking them up first.
CREATE TABLE matrix_row (
    row_hash       VARCHAR(32)   NOT NULL,
    project_id     BIGINT        NOT NULL,
    os_family      VARCHAR(16)   NOT NULL,
    os_name        VARCHAR(128)  NOT NULL,
    os_version     VARCHAR(64)   NOT NULL,
    stack_name     VARCHAR(128)  NOT NULL,
    stack_version  VARCHAR(64)   NOT NULL,
    fixes_key      VARCHAR(2048) NOT NULL,
    -- reports of this row whose shim was not active: shown, never counted as a shim result
    shim_inactive  BIGINT        NOT NULL,
    CONSTRAINT pk_matrix_row PRIMARY KEY (row_hash, project_id),
    CONSTRAINT fk_matrix_row_project FOREIGN KEY (project_id) REFERENCES project (id)
);
CREATE INDEX ix_matrix_row_project ON matrix_row (project_id);

-- One cell per row and column in each of four families, so that every view the API offers reads
-- exact distinct-installation counts: client (columns = client versions), shim (columns = shim
-- versions), pair (client version x shim version, for a view filtered on the other dimension) and
-- name (client name x shim version).
CREATE TABLE matrix_cell (
    cell_hash                  VARCHAR(32)  NOT NULL,
    project_id                 BIGINT       NOT NULL,
    row_hash                   VARCHAR(32)  NOT NULL,
    family                     VARCHAR(8)   NOT NULL,
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
    CONSTRAINT pk_matrix_cell PRIMARY KEY (cell_hash, project_id),
    CONSTRAINT fk_matrix_cell_row FOREIGN KEY (row_hash, project_id)
        REFERENCES matrix_row (row_hash, project_id)
);
CREATE INDEX ix_matrix_cell_project_family ON matrix_cell (project_id, family);
CREATE INDEX ix_matrix_cell_row ON matrix_cell (row_hash, project_id);

-- Which installations a cell's reports come from, with how many each: distinct installations stay
-- exact when an installation's reports are deleted.
CREATE TABLE matrix_member (
    cell_hash        VARCHAR(32) NOT NULL,
    project_id       BIGINT      NOT NULL,
    installation_id  UUID        NOT NULL,
    reports          BIGINT      NOT NULL,
    last_seen        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_matrix_member PRIMARY KEY (cell_hash, project_id, installation_id),
    CONSTRAINT fk_matrix_member_cell FOREIGN KEY (cell_hash, project_id)
        REFERENCES matrix_cell (cell_hash, project_id)
);
