package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.matrix.MatrixRule;

/** The one table of how the matrix is built says what the code does, and the README shows it. */
class MatrixRulesTests {

  @Test
  void theTableStatesTheTierThresholdsKAndEveryGrouping() {
    List<MatrixRule> table = MatrixRules.table(3);

    assertThat(table)
        .contains(
            new MatrixRule(
                "tier",
                "works",
                "Wilson lower bound (95%) of the success rate at least 80%, and under 5% of"
                    + " reports with a trap"),
            new MatrixRule(
                "tier", "broken", "success rate under 50%, or 25% or more of reports with a trap"));
    assertThat(table)
        .filteredOn(r -> r.topic().equals("privacy"))
        .singleElement()
        .satisfies(r -> assertThat(r.rule()).contains("from 3 distinct installations"));
    for (RowGrouping g : RowGrouping.values()) {
      assertThat(table)
          .contains(
              new MatrixRule("row grouping", g.systems() + ": platform", g.platformRule()),
              new MatrixRule("row grouping", g.systems() + ": stack", g.stackRule()),
              new MatrixRule("row grouping", g.systems() + ": fix level", g.fixLevelRule()));
    }
    assertThat(MatrixRules.table(5).toString()).contains("from 5 distinct installations");
  }

  @Test
  void theReadmeCarriesTheSameTable() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    for (MatrixRule r : MatrixRules.table(3)) {
      assertThat(text)
          .as("README.md's table of how the matrix is built")
          .contains("| " + r.topic() + " | " + r.subject() + " | " + r.rule() + " |");
    }
  }
}
