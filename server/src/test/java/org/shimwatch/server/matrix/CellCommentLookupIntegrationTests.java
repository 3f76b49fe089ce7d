package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.ServerTestSupport;

/**
 * The drill-down's comment lookup reads the project's approved comments through their index, never
 * the project's reports one by one: what keeps a drill-down's cost from growing with the reports.
 */
class CellCommentLookupIntegrationTests extends ServerTestSupport {

  @Test
  void theCommentLookupStartsFromTheIndexOfCommentsByStatus() {
    for (int combinations : new int[] {1, 3}) {
      List<Object> args =
          new ArrayList<>(List.of(1L, MatrixPageService.APPROVED, "linux", "", "", ""));
      for (int i = 0; i < combinations; i++) {
        args.addAll(List.of("aria2c", "1.0", "0.1.0", ""));
      }
      String plan =
          jdbc.queryForObject(
              "EXPLAIN " + MatrixPageService.commentSql(combinations),
              String.class,
              args.toArray());

      assertThat(plan.toUpperCase(java.util.Locale.ROOT))
          .as(plan)
          .contains("IX_REPORT_PROJECT_COMMENT: PROJECT_ID = ?1")
          .doesNotContain("FK_REPORT_PROJECT")
          .doesNotContain("IX_REPORT_PROJECT_RECEIVED")
          .doesNotContain("TABLESCAN");
    }
  }
}
