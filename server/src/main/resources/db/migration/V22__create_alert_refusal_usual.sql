-- Each project's usual number of refused reports per spike window (a moving average), kept so that
-- a restart does not forget it and then alert a project that is always refused a lot.
CREATE TABLE alert_refusal_usual (
    project_id  BIGINT                   NOT NULL,
    usual       DOUBLE PRECISION         NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_alert_refusal_usual PRIMARY KEY (project_id),
    CONSTRAINT fk_alert_refusal_usual_project FOREIGN KEY (project_id) REFERENCES project (id)
        ON DELETE CASCADE
);
