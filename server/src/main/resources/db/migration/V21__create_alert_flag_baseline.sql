-- When the regression flags that existed as the server first ran with alerts were recorded as
-- told without alerting (once per database), so an upgrade does not alert every old flag.
CREATE TABLE alert_flag_baseline (
    id        INT                      NOT NULL,
    taken_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    flags     INT                      NOT NULL,
    CONSTRAINT pk_alert_flag_baseline PRIMARY KEY (id),
    CONSTRAINT ck_alert_flag_baseline_one CHECK (id = 1)
);
