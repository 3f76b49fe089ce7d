package org.shimwatch.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.os2.BldlevelOutputParser;
import org.shimwatch.diagnostics.os2.ConfigSysParser;
import org.shimwatch.diagnostics.os2.FileListingParser;
import org.shimwatch.diagnostics.os2.PythonBanner;
import org.shimwatch.diagnostics.os2.PythonBannerParser;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Environment.InstallMode;

/**
 * OS/2 facts a user would check: whether the shim is installed at all, the Python runtime and the
 * shim's version, and artefacts that disagree.
 */
class Os2FactsFoldTests {

  private static final String TCP_2200 =
      """
      C:\\TCPIP\\BIN\\SYSLEVEL.TCP
           IBM TCP/IP Version 4.3 for OS/2
           Version 4.30     Component ID 5639B0900
           Current CSD level: UN02200
           Prior   CSD level: UN02101
      """;

  private static final Environment.Client BITTORRENT =
      new Environment.Client("BitTorrent", "3.4.2");

  private static FoldedDiagnostics fold(String... texts) {
    List<Artefact> all = new java.util.ArrayList<>();
    for (String t : texts) {
      all.addAll(ArtefactInspector.inspectText(null, t).artefacts());
    }
    return DiagnosticsFold.fold(all);
  }

  @Test
  void aStockPythonWithAPlainPythonPathHasNoShim() throws Exception {
    FoldedDiagnostics f =
        fold(
            Samples.text("os2/synthetic-config-replace.sys"),
            Samples.text("os2/synthetic-dir-lib-dynload-stock.txt"));

    assertThat(f.environment().shim().installMode()).isEqualTo(InstallMode.NONE);
    assertThat(f.environment().shim().installMode().shimActive()).isFalse();
    assertThat(f.findings())
        .filteredOn(x -> x.code().equals("shim-not-installed"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("like Python's other 4 module(s)"));
    assertThat(f.summary()).contains("shim install: not installed");
    ContractCheck.assertValid(f.environmentFor(BITTORRENT), f.traps());
  }

  @Test
  void theShimsCopiesStandOutByTheirDate() throws Exception {
    FoldedDiagnostics f =
        fold(
            Samples.text("os2/synthetic-config-replace.sys"),
            Samples.text("os2/synthetic-dir-lib-dynload.txt"));

    assertThat(f.environment().shim().installMode()).isEqualTo(InstallMode.REPLACE_LIB_DYNLOAD);
    assertThat(f.findings())
        .filteredOn(x -> x.code().equals("shim-replaces-stock-modules"))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("dated 2-29-04, unlike"));
  }

  @Test
  void onlyTheTwoModulesListedCannotTell() throws Exception {
    FoldedDiagnostics f =
        fold(
            Samples.text("os2/synthetic-config-replace.sys"),
            " Directory of D:\\PYTHON23\\Lib\\lib-dynload\n\n"
                + " 1-12-04   3:10p     45312           0  _socket.pyd\n"
                + " 1-12-04   3:10p     21504           0  select.pyd\n");

    assertThat(f.environment().shim().installMode()).isEqualTo(InstallMode.UNKNOWN);
    assertThat(f.summary()).contains("shim install: cannot tell");
    assertThat(f.findings()).extracting(Finding::code).contains("shim-cannot-tell");
  }

  @Test
  void bldlevelTellsStockModulesAndThePythonVersion() throws Exception {
    FoldedDiagnostics f =
        fold(
            Samples.text("os2/synthetic-config-replace.sys"),
            " Directory of D:\\PYTHON23\\Lib\\lib-dynload\n\n"
                + " 1-12-04   3:10p     45312           0  _socket.pyd\n"
                + " 1-12-04   3:10p     21504           0  select.pyd\n",
            Samples.text("os2/synthetic-bldlevel-python-stock.txt"));

    assertThat(f.environment().runtime()).isEqualTo(new Environment.Runtime("EMX Python", "2.3"));
    assertThat(f.environment().shim().installMode()).isEqualTo(InstallMode.NONE);
    assertThat(f.conflicts()).isEmpty();
  }

  @Test
  void bldlevelOfTheShimsModuleGivesTheShimsVersion() throws Exception {
    String shim =
        """
        [D:\\PYTHON23]bldlevel lib\\lib-dynload\\_socket.pyd
        Build Level Display Facility Version 6.12.675 Sep 25 2001
        Signature:       @#A. MacIntyre:0.2#@ TCP/IP 4.3 socket shim for EMX Python
        Vendor:          A. MacIntyre
        Revision:        0.2
        Description:     TCP/IP 4.3 socket shim for EMX Python
        """;
    FoldedDiagnostics f =
        fold(
            Samples.text("os2/synthetic-config-replace.sys"),
            " Directory of D:\\PYTHON23\\Lib\\lib-dynload\n\n"
                + " 1-12-04   3:10p     45312           0  _socket.pyd\n"
                + " 1-12-04   3:10p     21504           0  select.pyd\n",
            shim);

    assertThat(f.environment().shim())
        .isEqualTo(new Environment.Shim("0.2", InstallMode.REPLACE_LIB_DYNLOAD));
    assertThat(f.summary()).contains("shim install: replace-lib-dynload, shim version 0.2");
  }

  @Test
  void pythonsStartUpBannerGivesTheRuntime() throws Exception {
    PythonBanner emx = PythonBannerParser.parse(Samples.text("os2/python-banner-emx22.txt"));
    assertThat(emx.version()).isEqualTo("2.2");
    assertThat(emx.compiler()).isEqualTo("EMX GCC 2.8.1");
    assertThat(emx.platform()).isEqualTo("os2emx");

    FoldedDiagnostics f =
        fold(
            "Python 2.7.6 (default, Dec 13 2013, 16:29:14)\n"
                + "[GCC 4.4.6 20110731 (eCS 2.0)] on os2knix\n"
                + "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
            TCP_2200);

    assertThat(f.environment().runtime())
        .isEqualTo(new Environment.Runtime("kLIBC Python", "2.7.6"));
    assertThat(
            ArtefactInspector.inspectText(null, Samples.text("os2/python-banner-emx22.txt"))
                .parts())
        .extracting(InspectedPart::kind)
        .containsExactly(ArtefactKind.PYTHON_BANNER);
  }

  @Test
  void twoDifferentTcpipLevelsAreAChoiceNotAMerge() throws Exception {
    FoldedDiagnostics f = fold(TCP_2200, TCP_2200.replace("UN02200", "UN02205"));

    assertThat(f.conflicts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.field()).isEqualTo(Conflict.STACK_LEVEL);
              assertThat(c.choices())
                  .extracting(Conflict.Choice::value)
                  .containsExactly("UN02200", "UN02205");
              assertThat(c.choices().get(1).source()).isEqualTo("syslevel output 2");
            });
    assertThat(f.findings()).extracting(Finding::code).contains("artefacts-disagree");
    assertThat(f.unresolved(Map.of())).hasSize(1);
    assertThatThrownBy(() -> f.environmentFor(BITTORRENT, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UN02200")
        .hasMessageContaining("UN02205");
    assertThat(f.unresolved(Map.of(Conflict.STACK_LEVEL, "UN09999"))).hasSize(1);

    Environment chosen = f.environmentFor(BITTORRENT, Map.of(Conflict.STACK_LEVEL, "UN02200"));

    assertThat(chosen.stack().level()).isEqualTo("UN02200");
    assertThat(chosen.stack().version()).isEqualTo("4.3");
    assertThat(chosen.fixes()).extracting(Environment.Fix::id).containsExactly("UN02200");
    ContractCheck.assertValid(chosen, f.traps());
  }

  @Test
  void theSameLevelPastedTwiceAgrees() {
    FoldedDiagnostics f = fold(TCP_2200, TCP_2200);

    assertThat(f.conflicts()).isEmpty();
    assertThat(f.environmentFor(BITTORRENT, Map.of()).stack().level()).isEqualTo("UN02200");
  }

  @Test
  void twoOsVersionsAndTwoPythonsAreChoices() throws Exception {
    FoldedDiagnostics f =
        fold(
            "The Operating System/2 Version is 4.00\n",
            "The Operating System/2 Version is 4.50\n",
            "Python 2.3.3 (#0, Dec 20 2003, 16:54:12) [EMX GCC 2.8.1] on os2emx\n",
            "[D:\\]bldlevel python23.dll\nSignature:       Python 2.3 Core DLL\n",
            "[D:\\]bldlevel python24.dll\nSignature:       Python 2.4 Core DLL\n");

    assertThat(f.conflicts())
        .extracting(Conflict::field)
        .containsExactly(Conflict.OS_VERSION, Conflict.RUNTIME_VERSION);
    // The DLL's 2.3 and the banner's 2.3.3 agree: one choice, read from both.
    assertThat(f.conflicts().get(1).choices())
        .extracting(Conflict.Choice::value)
        .containsExactly("2.3.3", "2.4");
    Environment e =
        f.environmentFor(
            BITTORRENT, Map.of(Conflict.OS_VERSION, "4.50", Conflict.RUNTIME_VERSION, "2.3.3"));
    assertThat(e.os().version()).isEqualTo("4.50");
    assertThat(e.runtime()).isEqualTo(new Environment.Runtime("EMX Python", "2.3.3"));
  }

  @Test
  void aBldlevelSignatureWithoutVendorKeepsItsDescription() throws Exception {
    assertThat(
            BldlevelOutputParser.parse(Samples.text("os2/synthetic-bldlevel-python-stock.txt"))
                .modules())
        .extracting(b -> b.fileName() + " " + b.description())
        .containsExactly(
            "python23.dll Python 2.3 Core DLL", "_socket.pyd Python standard module _socket");
  }

  @Test
  void configAndListingReadersStillAgreeOnPaths() throws Exception {
    assertThat(
            FileListingParser.parse(Samples.text("os2/synthetic-dir-lib-dynload-stock.txt"))
                .files())
        .hasSize(2);
    assertThat(ConfigSysParser.parse(Samples.text("os2/synthetic-config-replace.sys")).pythonPath())
        .isNull();
  }
}
