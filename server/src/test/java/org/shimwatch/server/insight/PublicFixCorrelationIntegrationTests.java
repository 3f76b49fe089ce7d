package org.shimwatch.server.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.insight.CellFixes;
import org.shimwatch.web.insight.FixCorrelation;
import org.shimwatch.web.matrix.CellDetail;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.matrix.Tier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The public fix correlation of a cell gives the maintainer's figures where both sides are large
 * enough, and {@code not enough data} where they are not, on the demo data.
 */
@SpringBootTest
@ActiveProfiles("demo")
class PublicFixCorrelationIntegrationTests {

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("shimwatch-public-fixes").toString();
    registry.add("shimwatch.data-dir", () -> dir);
  }

  @Autowired PublicFixCorrelation fixes;
  @Autowired InsightService insight;
  @Autowired MatrixQuery matrix;

  static CellDetail cellOf(MatrixView view, MatrixRow row) {
    return new CellDetail(
        "default",
        MatrixColumns.CLIENT,
        3,
        false,
        row,
        view.columns().get(0),
        null,
        null,
        null,
        Tier.WORKS,
        false,
        1L,
        3L,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null);
  }

  @Test
  void eachFixOfARowHasTheMaintainersFiguresOrNotEnoughData() {
    Map<String, FixCorrelation> maintainer =
        insight.fixCorrelation("default", 20).orElseThrow().stream()
            .collect(Collectors.toMap(f -> f.osFamily() + "|" + f.fix(), Function.identity()));
    MatrixView view = matrix.matrix("default", MatrixRequest.publicDefault()).orElseThrow();
    int compared = 0;
    int notEnough = 0;
    for (MatrixRow row : view.rows()) {
      // A row groups several fix sets: its fixes are those of its cells.
      CellFixes found = fixes.forCell(cellOf(view, row)).orElse(null);
      if (found == null) {
        continue;
      }
      assertThat(found.osFamily()).isEqualTo(row.osFamily());
      assertThat(found.fixes()).isNotEmpty();
      for (CellFixes.Line line : found.fixes()) {
        FixCorrelation same = maintainer.get(row.osFamily() + "|" + line.fix());
        if (line.enough()) {
          assertThat(line.correlation()).isEqualTo(same);
          compared++;
        } else {
          notEnough++;
        }
      }
    }
    assertThat(compared).as("fixes compared on the demo data").isPositive();
    assertThat(notEnough).as("fixes too rare to compare").isPositive();
  }
}
