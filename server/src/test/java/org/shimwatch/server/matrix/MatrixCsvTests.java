package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumn;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.matrix.Tier;

class MatrixCsvTests {

  @Test
  void neutralizesFormulasSoASpreadsheetShowsThemAsText() {
    assertThat(MatrixCsv.text("=HYPERLINK(\"http://x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(MatrixCsv.text("+1")).isEqualTo("'+1");
    assertThat(MatrixCsv.text("-2+3")).isEqualTo("'-2+3");
    assertThat(MatrixCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(MatrixCsv.text("\tcmd")).isEqualTo("'\tcmd");
    assertThat(MatrixCsv.text("a=b")).isEqualTo("a=b");
  }

  @Test
  void quotesFieldsWithCommasQuotesAndLineBreaks() {
    assertThat(MatrixCsv.text("Client, Inc")).isEqualTo("\"Client, Inc\"");
    assertThat(MatrixCsv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(MatrixCsv.text("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(MatrixCsv.text("plain")).isEqualTo("plain");
    assertThat(MatrixCsv.text(null)).isEmpty();
  }

  @Test
  void writesOneLinePerCellAndLeavesHiddenCountsEmpty() {
    MatrixView view =
        new MatrixView(
            "default",
            MatrixColumns.CLIENT,
            3,
            false,
            List.of(
                new MatrixRow(
                    "r1",
                    "os2",
                    "eComStation 1.1",
                    "os2-tcpip 4.3",
                    "UN02200 + NEWSTACK",
                    List.of("csd:UN02200", "newstack:NEWSTACK"),
                    null)),
            List.of(
                new MatrixColumn("c1", "BitTorrent 3.4.2", "BitTorrent", "3.4.2", null),
                new MatrixColumn("c2", "=cmd, 1", "=cmd", "1", null)),
            List.of(
                new MatrixCell(
                    0,
                    0,
                    Tier.WORKS,
                    false,
                    20L,
                    5L,
                    new MatrixCell.Outcomes(20, 0, 0, 0, 0, 0),
                    new MatrixCell.Evidence(0, 1, 0),
                    0.8389,
                    0.0,
                    Instant.parse("2026-11-01T10:00:00Z")),
                new MatrixCell(
                    0, 1, Tier.NOT_ENOUGH_DATA, true, null, null, null, null, null, null, null)));

    String[] lines = MatrixCsv.write(view).split("\r\n");

    assertThat(lines).hasSize(3);
    assertThat(lines[0]).isEqualTo(MatrixCsv.HEADER);
    assertThat(lines[1])
        .isEqualTo(
            "eComStation 1.1,os2-tcpip 4.3,UN02200 + NEWSTACK,BitTorrent"
                + " 3.4.2,works,false,20,5,20,0,0,0,0,0,0,1,0,0.8389,0.0000,2026-11-01T10:00:00Z,");
    assertThat(lines[2])
        .isEqualTo(
            "eComStation 1.1,os2-tcpip 4.3,UN02200 + NEWSTACK,\"'=cmd,"
                + " 1\",not enough data,true,,,,,,,,,,,,,,,");
  }
}
