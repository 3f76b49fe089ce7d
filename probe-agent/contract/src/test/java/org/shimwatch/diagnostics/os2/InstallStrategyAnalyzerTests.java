package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.Finding;
import org.shimwatch.diagnostics.os2.ModulePlacement.Evidence;
import org.shimwatch.report.Environment.InstallMode;

/** The shim readme's two install strategies, and the misconfiguration that makes it inactive. */
class InstallStrategyAnalyzerTests {

  private static final String LIB = "%PYTHONHOME%\\Lib";
  private static final String DYNLOAD = "%PYTHONHOME%\\Lib\\lib-dynload";
  private static final String SIDE = "%PYTHONHOME%\\Lib\\exp-dynload";

  @Test
  void modulesOnlyInLibDynloadAreTheShimsWhenTheEvidenceSaysSo() {
    InstallAnalysis a =
        InstallStrategyAnalyzer.analyze(
            List.of(),
            listed(DYNLOAD),
            new LibDynloadCopies.Judgement(LibDynloadCopies.Verdict.SHIM, "dated unlike the rest"));

    assertThat(a.mode()).isEqualTo(InstallMode.REPLACE_LIB_DYNLOAD);
    assertThat(codes(a)).containsExactly("shim-replaces-stock-modules");
    assertThat(a.findings().get(0).message()).contains("dated unlike the rest");
  }

  @Test
  void pythonsOwnModulesInLibDynloadMeanTheShimIsNotInstalled() {
    InstallAnalysis a =
        InstallStrategyAnalyzer.analyze(
            List.of(),
            listed(DYNLOAD),
            new LibDynloadCopies.Judgement(LibDynloadCopies.Verdict.STOCK, "dated like the rest"));

    assertThat(a.mode()).isEqualTo(InstallMode.NONE);
    assertThat(a.mode().shimActive()).isFalse();
    assertThat(codes(a)).containsExactly("shim-not-installed");
  }

  @Test
  void modulesOnlyInLibDynloadWithNothingToTellThemApartCannotTell() {
    InstallAnalysis a = InstallStrategyAnalyzer.analyze(List.of(), listed(DYNLOAD));

    assertThat(a.mode()).isEqualTo(InstallMode.UNKNOWN);
    assertThat(codes(a)).containsExactly("shim-cannot-tell");
  }

  @Test
  void aSideDirectoryBeforeLibDynloadIsActive() {
    InstallAnalysis a = InstallStrategyAnalyzer.analyze(List.of(SIDE, LIB, DYNLOAD), listed(SIDE));

    assertThat(a.mode()).isEqualTo(InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD);
    assertThat(a.mode().shimActive()).isTrue();
    assertThat(a.modules()).extracting(ModulePlacement::evidence).containsOnly(Evidence.LISTING);
  }

  @Test
  void aSideDirectoryAfterLibDynloadIsInactiveAndSaysSo() {
    InstallAnalysis a = InstallStrategyAnalyzer.analyze(List.of(LIB, DYNLOAD, SIDE), listed(SIDE));

    assertThat(a.mode()).isEqualTo(InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD);
    assertThat(a.mode().shimActive()).isFalse();
    assertThat(a.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Finding.Severity.BLOCKER);
              assertThat(f.code()).isEqualTo("shim-inactive");
              assertThat(f.message())
                  .contains("comes after lib-dynload")
                  .contains("the stock modules load and the shim is inactive");
            });
  }

  @Test
  void pythonsDefaultPathPutsLibDynloadAfterEveryPythonPathEntry() {
    InstallAnalysis a = InstallStrategyAnalyzer.analyze(List.of(SIDE), listed(SIDE));

    assertThat(a.mode()).isEqualTo(InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD);
    assertThat(a.searchOrder()).startsWith(SIDE).contains(DYNLOAD);
  }

  @Test
  void aSideDirectoryMissingFromPythonPathLeavesTheShimInactive() {
    InstallAnalysis a = InstallStrategyAnalyzer.analyze(List.of(LIB), listed(SIDE));

    assertThat(a.mode()).isEqualTo(InstallMode.UNKNOWN);
    assertThat(codes(a)).containsExactly("shim-not-on-pythonpath");
  }

  @Test
  void withoutPythonPathASideDirectoryCannotBeJudged() {
    InstallAnalysis a = InstallStrategyAnalyzer.analyze(null, listed(SIDE));

    assertThat(a.mode()).isEqualTo(InstallMode.UNKNOWN);
    assertThat(codes(a)).containsExactly("pythonpath-unknown");
  }

  @Test
  void whatExceptqSawLoadedDecides() {
    List<ModuleLocation> loaded =
        List.of(
            new ModuleLocation("_SOCKET.PYD", DYNLOAD, Evidence.LOADED),
            new ModuleLocation("_SOCKET.PYD", SIDE, Evidence.LISTING),
            new ModuleLocation("SELECT.PYD", DYNLOAD, Evidence.LOADED),
            new ModuleLocation("SELECT.PYD", SIDE, Evidence.LISTING));

    InstallAnalysis a = InstallStrategyAnalyzer.analyze(List.of(LIB, DYNLOAD, SIDE), loaded);

    assertThat(a.mode()).isEqualTo(InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD);
    assertThat(codes(a)).contains("shim-inactive");
  }

  @Test
  void infersASideDirectoryFromItsNameWhenNoFileWasShown() {
    InstallAnalysis before = InstallStrategyAnalyzer.analyze(List.of(SIDE, DYNLOAD), List.of());
    InstallAnalysis after = InstallStrategyAnalyzer.analyze(List.of(DYNLOAD, SIDE), List.of());
    InstallAnalysis none = InstallStrategyAnalyzer.analyze(List.of(LIB, DYNLOAD), List.of());

    assertThat(before.mode()).isEqualTo(InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD);
    assertThat(before.modules())
        .extracting(ModulePlacement::evidence)
        .containsOnly(Evidence.DIRECTORY_NAME);
    assertThat(after.mode()).isEqualTo(InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD);
    assertThat(after.findings().get(0).message()).contains("inferred from the directory's name");
    assertThat(none.mode()).isEqualTo(InstallMode.UNKNOWN);
    assertThat(none.hasEvidence()).isFalse();
  }

  @Test
  void warnsWhenOnlyOneOfTheTwoModulesIsInTheSideDirectory() {
    InstallAnalysis a =
        InstallStrategyAnalyzer.analyze(
            List.of(SIDE, DYNLOAD),
            List.of(new ModuleLocation("_SOCKET.PYD", SIDE, Evidence.LISTING)));

    assertThat(a.mode()).isEqualTo(InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD);
    assertThat(codes(a)).contains("shim-module-missing");
    assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("SELECT.PYD"));
  }

  @Test
  void warnsWhenTheModulesAreInstalledDifferently() {
    InstallAnalysis a =
        InstallStrategyAnalyzer.analyze(
            List.of(DYNLOAD, SIDE),
            List.of(
                new ModuleLocation("_SOCKET.PYD", SIDE, Evidence.LISTING),
                new ModuleLocation("SELECT.PYD", DYNLOAD, Evidence.LISTING)),
            // The SELECT.PYD in lib-dynload is the shim's (say, dated unlike Python's modules).
            new LibDynloadCopies.Judgement(LibDynloadCopies.Verdict.SHIM, "dated unlike the rest"));

    assertThat(a.mode()).isEqualTo(InstallMode.UNKNOWN);
    assertThat(codes(a)).containsExactly("modules-installed-differently");
  }

  private static List<ModuleLocation> listed(String dir) {
    return List.of(
        new ModuleLocation("_SOCKET.PYD", dir, Evidence.LISTING),
        new ModuleLocation("SELECT.PYD", dir, Evidence.LISTING));
  }

  private static List<String> codes(InstallAnalysis a) {
    return a.findings().stream().map(Finding::code).toList();
  }
}
