-- The parts of a report the analytics need, one row per trap and per wrapped call. They are kept
-- apart from the raw document because retention prunes raw documents: rollups are rebuilt from
-- these rows, and a deletion subtracts what they say. They go with their report.
CREATE TABLE report_trap (
    project_id      BIGINT        NOT NULL,
    report_id       UUID          NOT NULL,
    trap_index      INTEGER       NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    signal_name     VARCHAR(16),
    trap_number     VARCHAR(8),
    exception_code  VARCHAR(16),
    module_name     VARCHAR(128),
    object_number   VARCHAR(24),
    module_offset   VARCHAR(24),
    trap_time       TIMESTAMP WITH TIME ZONE,
    -- module|object|offset of each frame, innermost first, joined by ';' (names cannot hold either)
    frames          VARCHAR(12000) NOT NULL,
    -- the trap group key computed at ingest with the skip lists then in force
    signature       VARCHAR(256)  NOT NULL,
    CONSTRAINT pk_report_trap PRIMARY KEY (report_id, project_id, trap_index),
    CONSTRAINT fk_report_trap_report FOREIGN KEY (report_id, project_id)
        REFERENCES report (report_id, project_id) ON DELETE CASCADE
);
CREATE INDEX ix_report_trap_signature ON report_trap (project_id, signature);

CREATE TABLE report_call (
    project_id        BIGINT         NOT NULL,
    report_id         UUID           NOT NULL,
    call_kind         VARCHAR(16)    NOT NULL,
    call_count        BIGINT         NOT NULL,
    fd_above_setsize  BIGINT         NOT NULL,
    -- sparse histograms as "index:count,index:count" in index order, "" when empty
    latency           VARCHAR(20000) NOT NULL,
    overshoot         VARCHAR(20000) NOT NULL,
    CONSTRAINT pk_report_call PRIMARY KEY (report_id, project_id, call_kind),
    CONSTRAINT fk_report_call_report FOREIGN KEY (report_id, project_id)
        REFERENCES report (report_id, project_id) ON DELETE CASCADE
);

-- Reports stored before these tables existed have no rows in them: the server fills them from the
-- raw documents (where retention left them) and rebuilds the rollups once, on its next start.
CREATE TABLE rollup_pending (
    project_id      BIGINT NOT NULL PRIMARY KEY,
    max_report_row  BIGINT NOT NULL
);
INSERT INTO rollup_pending (project_id, max_report_row)
    SELECT project_id, MAX(id) FROM report GROUP BY project_id;
