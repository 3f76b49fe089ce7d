package org.shimwatch.server.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.matrix.CellCounts;
import org.shimwatch.server.matrix.MatrixTables;
import org.shimwatch.server.matrix.RowGroup;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.check.CheckAnswer;
import org.shimwatch.web.check.CheckInput;

/** The check's reading of a setup, its nearest rows and its fix figures, from known rollups. */
class CheckLogicTests {

  static final Instant SEEN = Instant.parse("2026-11-01T00:00:00Z");

  private static CheckInput paste(String text) {
    return new CheckInput(text, null, null, null, null, null, null);
  }

  private static CheckInput pick(String platform, String stack, String fixes) {
    return new CheckInput(null, platform, stack, fixes, null, null, null);
  }

  private static MatrixTables.Row row(RowGroup g) {
    return new MatrixTables.Row(
        g.key(),
        g.osFamily(),
        g.osName(),
        g.osVersion(),
        g.stackName(),
        g.stackVersion(),
        g.fixLevelKey(),
        0);
  }

  private static RowGroup os2(String osVersion, String stack, String level, String fixes) {
    return RowGroup.of("os2", "eComStation", osVersion, "os2-tcpip", stack, level, fixes);
  }

  /** A cell of {@code works} successes and {@code broken} failures from {@code installations}. */
  private static MatrixTables.Cell cell(
      RowGroup g, String fixes, long installations, long works, long broken) {
    return new MatrixTables.Cell(
        g.key(),
        fixes,
        "BitTorrent",
        "3.4.2",
        "2004-02",
        new CellCounts(works + broken, installations, works, 0, 0, broken, 0, 0, 0, 0, 0, 0),
        SEEN);
  }

  @Test
  void aPastedSyslevelWithConfigSysReadsAsAnOs2SetupAndItsInstallLayout() throws IOException {
    List<String> understood = new ArrayList<>();
    List<String> unread = new ArrayList<>();
    CheckedSetup s =
        SetupReader.read(
            paste(CheckData.resource("synthetic-pasted-mix.txt")), List.of(), understood, unread);

    assertThat(s).isNotNull();
    assertThat(s.group().osFamily()).isEqualTo("os2");
    assertThat(s.group().stackLabel()).isEqualTo("os2-tcpip 4.3");
    assertThat(s.group().csdLevel()).isEqualTo("UN02200");
    assertThat(understood).anyMatch(l -> l.contains("syslevel output"));
    // Its PYTHONPATH puts exp-dynload after lib-dynload: the shim would not load.
    CheckAnswer.Install install = InstallLayouts.of(s);
    assertThat(install.strategy()).isEqualTo("inactive");
    assertThat(install.meaning()).contains("would not load");
    assertThat(Prerequisites.of(s))
        .filteredOn(p -> p.name().startsWith("TCP/IP 4.21"))
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(Prerequisites.MET));
  }

  @Test
  void garbageIsNotASetupAndSaysWhatCouldNotBeRead() {
    List<String> unread = new ArrayList<>();
    CheckedSetup s =
        SetupReader.read(
            paste("hello there\nthis is not from any OS/2 command\n12345"),
            List.of(),
            new ArrayList<>(),
            unread);
    assertThat(s).isNull();
    assertThat(unread).isNotEmpty();
    assertThat(String.join(" ", unread)).containsAnyOf("lines 1", "syslevel");
  }

  @Test
  void badQuestionsAreRefusedWithTheirParameter() {
    assertThatThrownBy(() -> SetupReader.read(pick(null, null, null), List.of(), l(), l()))
        .isInstanceOfSatisfying(
            BadQueryException.class, e -> assertThat(e.reason()).isEqualTo("nothing-to-check"));
    assertThatThrownBy(() -> SetupReader.read(pick(null, null, "UN02200 <b>"), List.of(), l(), l()))
        .isInstanceOfSatisfying(
            BadQueryException.class, e -> assertThat(e.parameter()).isEqualTo("fixes"));
    assertThatThrownBy(() -> SetupReader.read(pick("Plan 9", null, null), List.of(), l(), l()))
        .isInstanceOfSatisfying(
            BadQueryException.class, e -> assertThat(e.reason()).isEqualTo("unknown-platform"));
    assertThatThrownBy(() -> SetupReader.read(paste("x".repeat(200_001)), List.of(), l(), l()))
        .isInstanceOfSatisfying(
            BadQueryException.class, e -> assertThat(e.reason()).isEqualTo("paste-too-long"));
    assertThatThrownBy(
            () ->
                SetupReader.read(
                    new CheckInput(
                        null, null, null, null, null, null, "{\"os\":{\"family\":\"amiga\"}}"),
                    List.of(),
                    l(),
                    l()))
        .isInstanceOfSatisfying(
            BadQueryException.class,
            e -> assertThat(e.getMessage()).contains("/environment/os/family"));
  }

  @Test
  void typedFixesBecomeContractFixes() {
    assertThat(RowGroup.fixEntries(SetupReader.fixes("un02200, NEWSTACK  csd:WR08700=1 xyz")))
        .containsExactly("csd:UN02200", "csd:WR08700=1", "newstack:NEWSTACK", "other:xyz");
  }

  @Test
  void pickingAPlatformAndStackTheMatrixShowsFindsTheirRow() {
    RowGroup g = os2("1.1", "4.3", "UN02200", "csd:UN02200,newstack:NEWSTACK");
    CheckedSetup s =
        SetupReader.read(
            pick("eComStation 1.1", "os2-tcpip 4.3", "UN02200 NEWSTACK"),
            List.of(row(g)),
            l(),
            l());
    assertThat(s.group().key()).isEqualTo(g.key());
  }

  @Test
  void nearestRowsAreTheClosestStackThenFixLevelThenPlatform() {
    RowGroup own = os2("1.1", "4.3", "UN02200", "csd:UN02200,newstack:NEWSTACK");
    RowGroup sameStackOtherLevel = os2("1.1", "4.3", "UN02200", "csd:UN02200");
    RowGroup sameStackOtherPlatform = os2("1.2", "4.3", "UN02200", "csd:UN02200,newstack:NEWSTACK");
    RowGroup oneStackAway = os2("1.1", "4.21", "UN02101", "csd:UN02101,newstack:NEWSTACK");
    RowGroup twoStacksAway = os2("1.1", "4.1", "UN01000", "csd:UN01000");
    RowGroup tooFew = os2("1.1", "4.3", "UN02205", "csd:UN02205,newstack:NEWSTACK");
    List<RowGroup> groups =
        List.of(sameStackOtherLevel, sameStackOtherPlatform, oneStackAway, twoStacksAway, tooFew);
    List<MatrixTables.Row> rows = new ArrayList<>();
    Map<String, CellCounts> counts = new HashMap<>();
    Map<String, Long> installations = new HashMap<>();
    for (RowGroup g : groups) {
      rows.add(row(g));
      counts.put(g.key(), new CellCounts(10, 5, 9, 0, 0, 1, 0, 0, 0, 0, 0, 0));
      installations.put(g.key(), g == tooFew ? 2L : 5L);
    }

    List<CheckAnswer.RowAnswer> nearest = CheckService.nearest(own, rows, counts, installations, 3);

    assertThat(nearest)
        .extracting(CheckAnswer.RowAnswer::key)
        .containsExactly(
            sameStackOtherPlatform.key(), sameStackOtherLevel.key(), oneStackAway.key());
    assertThat(nearest.get(0).distance()).contains("same stack").contains("on eComStation 1.2");
    assertThat(nearest.get(1).distance()).contains("fix level UN02200, no NEWSTACK");
    assertThat(nearest.get(2).distance()).contains("one version away");
    assertThat(nearest.get(0).successes()).isEqualTo(9);
  }

  @Test
  void fixFiguresCompareWithAndWithoutAndNeedKInstallationsOnEachSide() {
    RowGroup newstack = os2("1.1", "4.3", "UN02200", "csd:UN02200,newstack:NEWSTACK");
    RowGroup plain = os2("1.1", "4.3", "UN02200", "csd:UN02200");
    Map<String, MatrixTables.Row> rows = new HashMap<>();
    rows.put(newstack.key(), row(newstack));
    rows.put(plain.key(), row(plain));
    List<MatrixTables.Cell> cells =
        List.of(
            cell(newstack, "csd:UN02200,newstack:NEWSTACK=2004-03", 2, 18, 0),
            cell(newstack, "csd:UN02200,csd:WR08700,newstack:NEWSTACK=2004-05", 2, 10, 2),
            cell(plain, "csd:UN02200", 4, 5, 10),
            cell(plain, "csd:UN02200,csd:WR08700", 1, 1, 1));
    // Row installation counts (as the rollup keeps them): the NEWSTACK row has 4.
    Map<String, Long> rowInstallations = Map.of(newstack.key(), 4L, plain.key(), 5L);

    FixFigures f =
        new FixFigures(
            plain, List.of("csd:UN02200", "csd:WR08700"), rows, cells, rowInstallations, 3);

    // Everyone has UN02200: there is no "without" side to compare with.
    assertThat(f.yours().get(0).fix()).isEqualTo("csd:UN02200");
    assertThat(f.yours().get(0).shown()).isFalse();
    // WR08700's cells have 2 and 1 installations: under k, so no figures.
    assertThat(f.yours().get(1).shown()).isFalse();
    // NEWSTACK: the whole NEWSTACK row (4 installations) is with it, the plain row without.
    CheckAnswer.FixEvidence best = f.bestMissing();
    assertThat(best.fix()).isEqualTo("newstack:NEWSTACK");
    assertThat(best.with().successes()).isEqualTo(28);
    assertThat(best.with().judged()).isEqualTo(30);
    assertThat(best.without().successes()).isEqualTo(6);
    assertThat(best.without().judged()).isEqualTo(17);
    assertThat(best.with().lower()).isGreaterThan(best.without().upper());
    assertThat(best.goesWithSuccess()).isTrue();
  }

  private static List<String> l() {
    return new ArrayList<>();
  }
}
