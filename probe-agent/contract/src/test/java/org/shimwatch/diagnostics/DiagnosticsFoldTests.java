package org.shimwatch.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.Finding.Severity;
import org.shimwatch.diagnostics.os2.BldlevelOutputParser;
import org.shimwatch.diagnostics.os2.ConfigSysParser;
import org.shimwatch.diagnostics.os2.ExceptqParser;
import org.shimwatch.diagnostics.os2.FileListingParser;
import org.shimwatch.diagnostics.os2.ModulePlacement;
import org.shimwatch.diagnostics.os2.PopupLogParser;
import org.shimwatch.diagnostics.os2.SyslevelEntry;
import org.shimwatch.diagnostics.os2.SyslevelListing;
import org.shimwatch.diagnostics.os2.SyslevelOutputParser;
import org.shimwatch.diagnostics.os2.TrapScreenParser;
import org.shimwatch.diagnostics.os2.VerOutputParser;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Environment.InstallMode;
import org.shimwatch.report.Trap;

/** What several artefacts add up to: the environment, and whether the shim can work there. */
class DiagnosticsFoldTests {

  @Test
  void aSixteenBitStackHasNoTcpip32AndTheShimWillNotWork() throws Exception {
    SyslevelListing old =
        SyslevelOutputParser.parse(
            "C:\\MPTN\\SYSLEVEL.MPT\n  IBM MPTS\n  Version 5.20   Component ID 562289001\n"
                + "  Current CSD level: WR08510\n  Prior   CSD level: WR08500\n\n"
                + "C:\\TCPIP\\BIN\\SYSLEVEL.TCP\n  IBM TCP/IP for OS/2\n"
                + "  Version 4.00   Component ID 5639B0900\n"
                + "  Current CSD level: UN00959\n  Prior   CSD level: UN00900\n");

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(old));

    Environment.Stack stack = f.environment().stack();
    assertThat(stack.version()).isEqualTo("4.0");
    assertThat(stack.level()).isEqualTo("UN00959");
    assertThat(stack.components())
        .containsExactly(new Environment.Component("TCPIP32.DLL", null, false));
    assertThat(f.findings())
        .filteredOn(x -> x.severity() == Severity.BLOCKER)
        .extracting(Finding::code)
        .containsExactlyInAnyOrder("tcpip32-missing", "stack-too-old");
    assertThat(f.findings())
        .anySatisfy(
            x ->
                assertThat(x.message())
                    .startsWith("TCPIP32.DLL not found: the shim will not work")
                    .contains("it needs TCP/IP 4.21 or later"));
    ContractCheck.assertValid(f.environment(), f.traps());
  }

  @Test
  void mptsOlderThan53MeansA16BitStackEvenWithoutTheTcpipLevel() throws Exception {
    SyslevelListing mpts =
        SyslevelOutputParser.parse(
            "SYSLEVEL.MPT\nIBM MPTS\nVersion 5.20 Component ID 1\nCurrent CSD level: WR08425\n");

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(mpts));

    assertThat(f.environment().stack().version()).isEqualTo("4.0");
    assertThat(f.findings()).extracting(Finding::code).contains("tcpip32-missing");
    assertThat(f.findings())
        .anySatisfy(x -> assertThat(x.message()).contains("from MPTS level WR08425"));
  }

  @Test
  void tcpip41IsTooOldThoughItIsThirtyTwoBit() {
    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(tcp("4.10", "UN01000")));

    assertThat(f.environment().stack().version()).isEqualTo("4.1");
    assertThat(f.findings()).extracting(Finding::code).containsExactly("stack-too-old");
  }

  @Test
  void readsTheStackVersionFromTheCsdLevelWhenTheEntryHasNone() {
    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(tcp(null, "UN02101")));

    assertThat(f.environment().stack().version()).isEqualTo("4.21");
    assertThat(f.environment().stack().level()).isEqualTo("UN02101");
    assertThat(f.findings()).extracting(Finding::code).containsExactly("stack-ok");
  }

  @Test
  void warnsWhenMptsIsBelowWhatTheTcpipLevelWasPublishedWith() throws Exception {
    SyslevelListing listing =
        SyslevelOutputParser.parse(
            "SYSLEVEL.MPT\nMPTS\nVersion 5.50 Component ID 1\nCurrent CSD level: WR08620\n\n"
                + "SYSLEVEL.TCP\nTCP/IP\nVersion 4.30 Component ID 2\nCurrent CSD level: UN02200\n");

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(listing));

    assertThat(f.findings())
        .filteredOn(x -> x.code().equals("mpts-below-table"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.WARNING);
              assertThat(x.message()).contains("WR*8700").contains("WR08620");
            });
  }

  @Test
  void takesTheRevisionFromVerOrATrapScreenAndNotesVersionsThatDisagree() throws Exception {
    SyslevelListing syslevel =
        SyslevelOutputParser.parse(Samples.text("os2/synthetic-syslevel-wrapped-titles.txt"));
    Artefact ver =
        VerOutputParser.parse("The Operating System/2 Version is 4.00\nRevision 9.036\n");
    Artefact screen = TrapScreenParser.parse(Samples.text("os2/trap-screen-warp452.txt"));

    FoldedDiagnostics withVer = DiagnosticsFold.fold(List.of(syslevel, ver, screen));
    FoldedDiagnostics withScreen = DiagnosticsFold.fold(List.of(syslevel, screen));

    assertThat(withVer.environment().os().version()).isEqualTo("4.50");
    assertThat(withVer.environment().os().revision()).isEqualTo("9.036");
    assertThat(withVer.findings()).extracting(Finding::code).contains("os-version-disagrees");
    assertThat(withScreen.environment().os().revision()).isEqualTo("14.097_UNI");
    ContractCheck.assertValid(withVer.environment(), withVer.traps());
  }

  /** A SYSLEVEL.OS2 listing as {@code syslevel} prints it, with the given current CSD level. */
  private static Artefact base(String currentCsd) throws Exception {
    return SyslevelOutputParser.parse(
        "C:\\OS2\\INSTALL\\SYSLEVEL.OS2\n"
            + "     IBM OS/2 Base Operating System\n"
            + "     Version 4.50     Component ID 5639A6100\n"
            + "     Type 0\n"
            + "     Current CSD level: "
            + currentCsd
            + "\n"
            + "     Prior   CSD level: "
            + currentCsd
            + "\n");
  }

  @Test
  void theBaseSystemsCsdLevelTellsWarp451From452AndNamesEComStation() throws Exception {
    Artefact ver = VerOutputParser.parse("The Operating System/2 Version is 4.50 ");

    Environment.Os mcp1 = DiagnosticsFold.fold(List.of(base("XR04501"), ver)).environment().os();
    FoldedDiagnostics mcp2 = DiagnosticsFold.fold(List.of(base("XR04502"), ver));
    Environment.Os acp2 = DiagnosticsFold.fold(List.of(base("XR04503"))).environment().os();
    FoldedDiagnostics ecs = DiagnosticsFold.fold(List.of(base("XR0C004"), ver));
    Environment.Os plain = DiagnosticsFold.fold(List.of(base("XR04500"))).environment().os();

    assertThat(mcp1.name() + " " + mcp1.version()).isEqualTo("OS/2 Warp 4 4.51");
    assertThat(mcp2.environment().os().version()).isEqualTo("4.52");
    // ver says 4.50 on every 4.5x: the level refines it, it does not disagree with it.
    assertThat(mcp2.findings()).extracting(Finding::code).doesNotContain("os-version-disagrees");
    assertThat(acp2.name() + " " + acp2.version())
        .isEqualTo("OS/2 Warp Server for e-business 4.52");
    // eComStation's own version is in SYSLEVEL.ECS; ver's 4.50 is not it.
    assertThat(ecs.environment().os().name()).isEqualTo("eComStation");
    assertThat(ecs.environment().os().version()).isNull();
    assertThat(ecs.findings()).extracting(Finding::code).doesNotContain("os-version-disagrees");
    assertThat(plain.name() + " " + plain.version()).isEqualTo("OS/2 Warp 4 4.50");
    ContractCheck.assertValid(ecs.environment(), ecs.traps());
  }

  @Test
  void eComStationsOwnSyslevelStillGivesItsVersion() throws Exception {
    Artefact ecsFile =
        SyslevelOutputParser.parse(
            "C:\\OS2\\INSTALL\\SYSLEVEL.ECS\n"
                + "     eComStation\n"
                + "     Version 1.20     Component ID 5639A6100\n"
                + "     Current CSD level: XR0C004\n");

    Environment.Os os = DiagnosticsFold.fold(List.of(base("XR0C004"), ecsFile)).environment().os();

    assertThat(os.name() + " " + os.version()).isEqualTo("eComStation 1.2");
  }

  @Test
  void aBatchFilePastedAfterConfigSysDecidesPythonPath() throws Exception {
    Artefact config = ConfigSysParser.parse(Samples.text("os2/synthetic-config-side-after.sys"));
    Artefact batch = ConfigSysParser.parse(Samples.text("os2/synthetic-bittorrent.cmd"));

    FoldedDiagnostics batchLast = DiagnosticsFold.fold(List.of(config, batch));
    FoldedDiagnostics configLast = DiagnosticsFold.fold(List.of(batch, config));

    assertThat(batchLast.environment().shim().installMode())
        .isEqualTo(InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD);
    assertThat(configLast.environment().shim().installMode())
        .isEqualTo(InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD);
  }

  @Test
  void aListingOfLibDynloadShowsTheReplaceStrategy() throws Exception {
    Artefact config = ConfigSysParser.parse(Samples.text("os2/synthetic-config-replace.sys"));
    Artefact listing = FileListingParser.parse(Samples.text("os2/synthetic-dir-lib-dynload.txt"));

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(config, listing));

    assertThat(f.environment().shim().installMode()).isEqualTo(InstallMode.REPLACE_LIB_DYNLOAD);
    assertThat(f.install().modules())
        .extracting(ModulePlacement::evidence)
        .containsOnly(ModulePlacement.Evidence.LISTING);
    ContractCheck.assertValid(f.environment(), f.traps());
  }

  @Test
  void aListingOfTheSideDirectoryConfirmsTheSideStrategy() throws Exception {
    Artefact config = ConfigSysParser.parse(Samples.text("os2/synthetic-config-side-before.sys"));
    Artefact listing = FileListingParser.parse(Samples.text("os2/synthetic-dir-exp-dynload.txt"));

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(config, listing));

    assertThat(f.environment().shim().installMode())
        .isEqualTo(InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD);
    assertThat(f.findings())
        .extracting(Finding::code)
        .contains("shim-side-directory", "sockets-uis-off")
        .doesNotContain("popups-not-logged");
    assertThat(f.environment().runtime()).isEqualTo(new Environment.Runtime("EMX Python", null));
  }

  @Test
  void whatExceptqSawLoadedWinsOverPythonPath() throws Exception {
    Artefact config = ConfigSysParser.parse(Samples.text("os2/synthetic-config-side-after.sys"));
    Artefact report = ExceptqParser.parse(Samples.text("os2/synthetic-exceptq-python-tcpip32.trp"));

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(config, report));

    assertThat(f.environment().shim().installMode())
        .isEqualTo(InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD);
    assertThat(f.environment().runtime()).isEqualTo(new Environment.Runtime("EMX Python", "2.3"));
    assertThat(f.environment().stack().components())
        .contains(new Environment.Component("TCPIP32.DLL", null, true));
  }

  @Test
  void namesANewstackUpdateWhenBldlevelDoes() throws Exception {
    Artefact b =
        BldlevelOutputParser.parse(
            "[C:\\]bldlevel c:\\mptn\\dll\\tcpip32.dll\nVendor: IBM\nRevision: 6.3006\n"
                + "Description: TCP/IP Sockets 32-bit (NEWSTACK 2004-03)\n");

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(b));

    assertThat(f.environment().fixes())
        .containsExactly(new Environment.Fix("newstack", "NEWSTACK", "6.3006"));
    assertThat(f.environment().stack().components())
        .containsExactly(new Environment.Component("TCPIP32.DLL", "6.3006", true));
  }

  @Test
  void keepsFixesAsASetAcrossArtefacts() throws Exception {
    SyslevelListing one =
        SyslevelOutputParser.parse(Samples.text("os2/synthetic-syslevel-wrapped-titles.txt"));
    SyslevelListing two =
        SyslevelOutputParser.parse(Samples.text("os2/synthetic-syslevel-wrapped-titles.txt"));

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(one, two));

    assertThat(f.environment().fixes()).hasSize(3).doesNotHaveDuplicates();
    ContractCheck.assertValid(f.environment(), f.traps());
  }

  @Test
  void keepsTheMostRecentTrapsTheContractAllowsAndSaysHowManyWereLeftOut() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int day = 1; day <= 70; day++) {
      text.append(
          Samples.text("os2/popuplog-redbook.txt")
              .replace("02-25-1999", String.format("03-%02d-2004", day % 28 + 1))
              .replace("PID 00b2", String.format("PID %04x", day)));
      text.append("\r\n");
    }
    Artefact log = PopupLogParser.parse(text.toString());

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(log));

    assertThat(log.traps()).hasSize(70);
    assertThat(f.traps()).hasSize(Trap.MAX_PER_REPORT);
    assertThat(f.traps().get(0).process().pid()).isEqualTo(7L);
    assertThat(f.traps().get(63).process().pid()).isEqualTo(70L);
    assertThat(f.findings())
        .anySatisfy(
            x -> {
              assertThat(x.code()).isEqualTo("traps-left-out");
              assertThat(x.message()).startsWith("6 older trap(s)");
            });
    ContractCheck.assertValid(f.environment(), f.traps());
  }

  @Test
  void listsTheMostSeriousFindingsFirst() throws Exception {
    Artefact config = ConfigSysParser.parse(Samples.text("os2/synthetic-config-side-after.sys"));

    FoldedDiagnostics f = DiagnosticsFold.fold(List.of(tcp("4.00", "UN00959"), config));

    List<Severity> severities = f.findings().stream().map(Finding::severity).toList();
    List<Severity> sorted = new ArrayList<>(severities);
    sorted.sort(null);
    assertThat(severities).isEqualTo(sorted).startsWith(Severity.BLOCKER);
  }

  @Test
  void fillsInTheClientTheArtefactsCannotName() throws Exception {
    FoldedDiagnostics f =
        DiagnosticsFold.fold(
            List.of(SyslevelOutputParser.parse(Samples.text("os2/syslevel-fpk.txt"))));

    Environment env = f.environmentFor(new Environment.Client("BitTorrent", "3.4.2"));

    assertThat(f.environment().client()).isNull();
    assertThat(env.client().name()).isEqualTo("BitTorrent");
    assertThat(env.os()).isEqualTo(f.environment().os());
  }

  @Test
  void foldsNothingIntoNothing() {
    FoldedDiagnostics f = DiagnosticsFold.fold(List.of());

    assertThat(f.environment()).isNull();
    assertThat(f.install()).isNull();
    assertThat(f.traps()).isEmpty();
    assertThat(f.findings()).isEmpty();
    assertThat(f.environmentFor(ContractCheck.CLIENT)).isNull();
  }

  private static SyslevelListing tcp(String version, String csd) {
    return new SyslevelListing(
        List.of(
            SyslevelEntry.of(
                "SYSLEVEL.TCP", "IBM TCP/IP for OS/2", version, "5639B0900", null, csd, null)),
        List.of());
  }
}
