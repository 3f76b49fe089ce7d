package org.shimwatch.web.matrix;

import java.time.Instant;
import java.util.List;

/** Matrix views for the page tests, with names that would run script if they were not escaped. */
public final class MatrixFixtures {

  public static final String SCRIPT = "<script>alert(1)</script>";
  public static final String ROW_KEY = "0123456789abcdef0123456789abcdef";
  public static final String COLUMN_KEY = "fedcba9876543210fedcba9876543210";
  public static final String OTHER_COLUMN_KEY = "00112233445566778899aabbccddeeff";

  private MatrixFixtures() {}

  /** One row, two columns: a cell that works and a hidden low-sample one. */
  public static MatrixView view(String project, boolean maintainer) {
    MatrixRow row =
        new MatrixRow(
            ROW_KEY,
            "os2",
            "eComStation 1.1",
            "os2-tcpip 4.3",
            "UN02200, no NEWSTACK " + SCRIPT,
            List.of("csd:UN02200", "csd:" + SCRIPT),
            maintainer ? 2L : null);
    MatrixColumn works =
        new MatrixColumn(COLUMN_KEY, "BitTorrent 3.4.2", "BitTorrent", "3.4.2", null);
    MatrixColumn hostile = new MatrixColumn(OTHER_COLUMN_KEY, SCRIPT + " 1.0", SCRIPT, "1.0", null);
    MatrixCell shown =
        new MatrixCell(
            0,
            0,
            Tier.WORKS,
            false,
            40L,
            12L,
            new MatrixCell.Outcomes(38, 1, 0, 1, 0, 0),
            new MatrixCell.Evidence(0, 1, 0),
            0.85,
            0.0,
            Instant.parse("2026-03-01T10:00:00Z"));
    MatrixCell hidden =
        maintainer
            ? new MatrixCell(
                0,
                1,
                Tier.BROKEN,
                true,
                2L,
                1L,
                new MatrixCell.Outcomes(0, 0, 2, 0, 0, 0),
                new MatrixCell.Evidence(2, 0, 0),
                0.0,
                1.0,
                Instant.parse("2026-03-02T10:00:00Z"))
            : new MatrixCell(
                0, 1, Tier.NOT_ENOUGH_DATA, true, null, null, null, null, null, null, null);
    return new MatrixView(
        project,
        MatrixColumns.CLIENT,
        3,
        maintainer,
        List.of(row),
        List.of(works, hostile),
        List.of(shown, hidden));
  }

  public static MatrixChoices choices() {
    return new MatrixChoices(
        List.of("eComStation 1.1", "os2"),
        List.of("4.3", "os2-tcpip 4.3"),
        List.of("BitTorrent", SCRIPT),
        List.of("1.0", "3.4.2"),
        List.of("2004-02"));
  }
}
