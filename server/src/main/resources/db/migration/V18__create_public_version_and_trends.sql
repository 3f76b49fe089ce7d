-- What the public sees of a project changes only when this counter moves: the pages, badges, JSON
-- and CSV take their ETag from it. Every change the public can see bumps it in the transaction
-- that makes the change (PublicVersions.bump), just before that transaction commits.
CREATE TABLE public_version (
    project_id  BIGINT NOT NULL PRIMARY KEY,
    version     BIGINT NOT NULL
);
INSERT INTO public_version (project_id, version) SELECT id, 1 FROM project;

-- Trends, kept like the other rollups in the transactions that store and delete reports. Weeks
-- start on Monday and months on their first day (UTC) of the day a report was made (the earlier of
-- the client's and the server's time, as the matrix counts it).

-- The weeks, months and shim versions each installation reported in: distinct installations stay
-- exact when reports arrive late or an installation's reports are deleted. Keyed installation
-- first, like matrix_member, so a batch reads its installations' rows with one IN (...).
CREATE TABLE trend_member (
    project_id       BIGINT      NOT NULL,
    installation_id  UUID        NOT NULL,
    week_start       DATE        NOT NULL,
    month_start      DATE        NOT NULL,
    shim_version     VARCHAR(64) NOT NULL,
    reports          BIGINT      NOT NULL,
    CONSTRAINT pk_trend_member PRIMARY KEY
        (installation_id, project_id, week_start, month_start, shim_version)
);

-- Per project and week: reports, the successes and failures among those through an active shim,
-- installations reporting, and installations whose first report was that week.
CREATE TABLE trend_week (
    project_id         BIGINT NOT NULL,
    week_start         DATE   NOT NULL,
    reports            BIGINT NOT NULL,
    successes          BIGINT NOT NULL,
    failures           BIGINT NOT NULL,
    installations      BIGINT NOT NULL,
    new_installations  BIGINT NOT NULL,
    CONSTRAINT pk_trend_week PRIMARY KEY (project_id, week_start)
);

-- The same per shim version ('' when the report did not say); an installation new that week counts
-- as new under each shim version it reported with that week.
CREATE TABLE trend_week_shim (
    project_id         BIGINT      NOT NULL,
    week_start         DATE        NOT NULL,
    shim_version       VARCHAR(64) NOT NULL,
    reports            BIGINT      NOT NULL,
    successes          BIGINT      NOT NULL,
    failures           BIGINT      NOT NULL,
    installations      BIGINT      NOT NULL,
    new_installations  BIGINT      NOT NULL,
    CONSTRAINT pk_trend_week_shim PRIMARY KEY (project_id, week_start, shim_version)
);

-- Per project and month, for the public project page.
CREATE TABLE trend_month (
    project_id         BIGINT NOT NULL,
    month_start        DATE   NOT NULL,
    reports            BIGINT NOT NULL,
    installations      BIGINT NOT NULL,
    new_installations  BIGINT NOT NULL,
    CONSTRAINT pk_trend_month PRIMARY KEY (project_id, month_start)
);

-- How long installations keep reporting: of the installations whose first report was in
-- cohort_week, how many reported in the week weeks_after weeks later (weeks_after 0: all of them).
CREATE TABLE trend_cohort (
    project_id     BIGINT  NOT NULL,
    cohort_week    DATE    NOT NULL,
    weeks_after    INTEGER NOT NULL,
    installations  BIGINT  NOT NULL,
    CONSTRAINT pk_trend_cohort PRIMARY KEY (project_id, cohort_week, weeks_after)
);

-- Projects with reports get their rollups, these included, rebuilt from their reports on the next
-- start.
INSERT INTO rollup_pending (project_id, max_report_row)
    SELECT p.id, 0 FROM project p
    WHERE EXISTS (SELECT 1 FROM report r WHERE r.project_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM rollup_pending q WHERE q.project_id = p.id);
