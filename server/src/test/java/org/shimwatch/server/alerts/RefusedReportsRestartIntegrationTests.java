package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A project that is always refused a lot is not alerted about after a restart: its usual count per
 * window is kept in the database and read back. The restarts are new counters over the same real
 * database, built from the running server's own parts; the project is one of this test's own, so
 * the running server's counter never sees it.
 */
class RefusedReportsRestartIntegrationTests extends AlertTestSupport {

  @Autowired AlertOutbox outbox;
  @Autowired AlertProperties props;

  @Test
  void theUsualCountOutlivesARestartAndAnOrdinaryWindowAfterItIsNoSpike() throws Exception {
    String slug = "refusals-usual";
    HttpResponse<String> made =
        adminJson("POST", "/api/v1/admin/projects", "{\"slug\":\"" + slug + "\",\"name\":\"R\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    long id = jdbc.queryForObject("SELECT id FROM project WHERE slug = ?", Long.class, slug);
    int busy = props.spikeThreshold() * 3;

    // A first run: the first busy windows are spikes (nothing usual yet), then it becomes usual.
    RefusedReports first = new RefusedReports(props, jdbc, outbox);
    first.load();
    for (int w = 0; w < 6; w++) {
      refuse(first, slug, busy);
      first.closeWindow();
    }
    long told = spikes(id);
    assertThat(told).as("the first busy windows").isPositive();
    first.closeWindow();
    refuse(first, slug, busy);
    first.closeWindow();
    assertThat(spikes(id)).as("once busy is usual").isEqualTo(told);
    double kept =
        jdbc.queryForObject(
            "SELECT usual FROM alert_refusal_usual WHERE project_id = ?", Double.class, id);
    assertThat(kept).isGreaterThan(busy / 2.0).isLessThan(busy);

    // After a restart the same busy window is ordinary: no alert.
    RefusedReports restarted = new RefusedReports(props, jdbc, outbox);
    restarted.load();
    refuse(restarted, slug, busy);
    restarted.closeWindow();
    assertThat(spikes(id)).as("after the restart").isEqualTo(told);

    // A counter that forgot the usual count (as before it was kept) would have alerted.
    RefusedReports forgetful = new RefusedReports(props, jdbc, outbox);
    refuse(forgetful, slug, busy);
    forgetful.closeWindow();
    assertThat(spikes(id)).as("a counter that read nothing").isEqualTo(told + 1);

    // Quiet windows bring the usual count down to nothing, and its row goes.
    RefusedReports quiet = new RefusedReports(props, jdbc, outbox);
    quiet.load();
    for (int w = 0; w < 60; w++) {
      quiet.closeWindow();
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert_refusal_usual WHERE project_id = ?", Long.class, id))
        .isZero();

    // Refusals for a name no project has are counted but nothing is kept for them.
    RefusedReports unknown = new RefusedReports(props, jdbc, outbox);
    refuse(unknown, "no-such-project", busy);
    unknown.closeWindow();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_refusal_usual", Long.class))
        .isEqualTo(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert_refusal_usual u JOIN project p ON p.id = u.project_id",
                Long.class));
  }

  private static void refuse(RefusedReports counter, String slug, int n) {
    for (int i = 0; i < n; i++) {
      counter.refused(slug);
    }
  }

  private long spikes(long projectId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM alert_event WHERE project_id = ? AND kind = ?",
        Long.class,
        projectId,
        AlertOutbox.REFUSED_SPIKE);
  }
}
