package org.shimwatch.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.os2.SyslevelBytes;
import org.shimwatch.report.Environment.InstallMode;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/** What {@code shimwatch inspect} and the server's paste form get for every kind of input. */
class ArtefactInspectorTests {

  private static final Map<String, ArtefactKind> KINDS =
      Map.ofEntries(
          Map.entry("os2/syslevel-fpk.txt", ArtefactKind.SYSLEVEL_OUTPUT),
          Map.entry("os2/popuplog-redbook.txt", ArtefactKind.POPUPLOG),
          Map.entry("os2/trap-screen-warp452.txt", ArtefactKind.TRAP_SCREEN),
          Map.entry("os2/synthetic-exceptq-python-tcpip32.trp", ArtefactKind.EXCEPTQ_REPORT),
          Map.entry("os2/synthetic-trap-screen-device-driver.txt", ArtefactKind.TRAP_SCREEN),
          Map.entry("os2/synthetic-trap-screen-no-registers.txt", ArtefactKind.TRAP_SCREEN),
          Map.entry("os2/synthetic-popuplog-several-entries.txt", ArtefactKind.POPUPLOG),
          Map.entry("os2/synthetic-syslevel-wrapped-titles.txt", ArtefactKind.SYSLEVEL_OUTPUT),
          Map.entry("os2/synthetic-config-side-before.sys", ArtefactKind.CONFIG_SYS),
          Map.entry("os2/synthetic-config-side-after.sys", ArtefactKind.CONFIG_SYS),
          Map.entry("os2/synthetic-config-replace.sys", ArtefactKind.CONFIG_SYS),
          Map.entry("os2/synthetic-config-16bit-stack.sys", ArtefactKind.CONFIG_SYS),
          Map.entry("os2/synthetic-bittorrent.cmd", ArtefactKind.CONFIG_SYS),
          Map.entry("os2/synthetic-ver-r.txt", ArtefactKind.VER_OUTPUT),
          Map.entry("os2/synthetic-inetver.txt", ArtefactKind.INETVER_OUTPUT),
          Map.entry("os2/synthetic-bldlevel-tcpip32.txt", ArtefactKind.BLDLEVEL_OUTPUT),
          Map.entry("os2/synthetic-dir-exp-dynload.txt", ArtefactKind.FILE_LISTING),
          Map.entry("os2/synthetic-dir-lib-dynload.txt", ArtefactKind.FILE_LISTING),
          Map.entry("diagnostics/jvm/synthetic-hs_err_pid4242.log", ArtefactKind.HS_ERR_LOG),
          Map.entry(
              "diagnostics/jvm/synthetic-hs_err_pid777-windows.log", ArtefactKind.HS_ERR_LOG));

  static Stream<Arguments> singleArtefactSamples() {
    return KINDS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest
  @MethodSource("singleArtefactSamples")
  void tellsEachSampleByItsContentAlone(String sample, ArtefactKind kind) {
    Inspection pasted = ArtefactInspector.inspect("-", Samples.bytes(sample));

    assertThat(pasted.name()).isEqualTo("-");
    assertThat(pasted.parts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(kind);
              assertThat(p.problem()).isNull();
              assertThat(p.artefact().kind()).isEqualTo(kind);
              assertThat(p.summary()).isNotEmpty();
            });
  }

  @ParameterizedTest
  @MethodSource("singleArtefactSamples")
  void readsEachSampleTheSameWithItsFileNameOrAsPastedText(String sample, ArtefactKind kind) {
    Inspection named =
        ArtefactInspector.inspect("D:\\x\\" + Samples.name(sample), Samples.bytes(sample));
    Inspection pasted = ArtefactInspector.inspectText(null, Samples.text(sample));

    assertThat(named.name()).isEqualTo(Samples.name(sample));
    assertThat(named.artefacts()).isEqualTo(pasted.artefacts());
    assertThat(named.combined()).isEqualTo(pasted.combined());
  }

  @ParameterizedTest
  @MethodSource("singleArtefactSamples")
  void everythingUnderstoodPassesTheReportContract(String sample, ArtefactKind kind) {
    ContractCheck.assertValid(
        ArtefactInspector.inspect(Samples.name(sample), Samples.bytes(sample)));
  }

  @ParameterizedTest
  @MethodSource("singleArtefactSamples")
  void writesJsonThroughTheReportMapperWithoutAnyUsersDirectory(String sample, ArtefactKind kind) {
    Inspection i = ArtefactInspector.inspect(Samples.name(sample), Samples.bytes(sample));

    String json = ReportJson.mapper().writeValueAsString(i);
    JsonNode tree = ReportJson.mapper().readTree(json);

    assertThat(tree.get("parts").get(0).get("kind").asString())
        .isEqualTo(ReportJson.mapper().valueToTree(kind).asString());
    assertThat(tree.get("parts").get(0).has("artefact")).isTrue();
    assertThat(tree.get("combined").has("findings")).isTrue();
    // The samples put users' files under D:\HOME\ALICE and /home/alice: none of it may survive.
    assertThat(json.toLowerCase(java.util.Locale.ROOT)).doesNotContain("alice");
  }

  @Test
  void readsABinarySyslevelFileByItsSignatureWhateverItsName() {
    byte[] bytes = SyslevelBytes.tcp43().build();

    Inspection named = ArtefactInspector.inspect("SYSLEVEL.TCP", bytes);
    Inspection unnamed = ArtefactInspector.inspect("-", bytes);

    assertThat(named.parts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(ArtefactKind.SYSLEVEL_FILE);
              assertThat(p.firstLine()).isNull();
              assertThat(p.summary()).first().asString().startsWith("SYSLEVEL.TCP: IBM TCP/IP");
            });
    assertThat(unnamed.parts().get(0).kind()).isEqualTo(ArtefactKind.SYSLEVEL_FILE);
    assertThat(named.combined().environment().stack().level()).isEqualTo("UN02200");
    ContractCheck.assertValid(named);
  }

  @Test
  void givesADamagedSyslevelFileAPreciseErrorWhenItsNameSaysWhatItIs() {
    byte[] bytes = SyslevelBytes.tcp43().build();
    bytes[1] = 0x00;

    Inspection named = ArtefactInspector.inspect("C:\\TCPIP\\BIN\\SYSLEVEL.TCP", bytes);
    Inspection unnamed = ArtefactInspector.inspect("dump.bin", bytes);

    assertThat(named.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
              assertThat(p.offset()).isEqualTo(1L);
            });
    assertThat(named.parts().get(0).kind()).isEqualTo(ArtefactKind.SYSLEVEL_FILE);
    assertThat(unnamed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.reason()).isEqualTo(Reason.BINARY);
              assertThat(p.offset()).isEqualTo(1L);
            });
  }

  @Test
  void splitsAPasteOfSeveralArtefactsAndReadsEachPart() {
    Inspection i = ArtefactInspector.inspect("-", Samples.bytes("os2/synthetic-pasted-mix.txt"));

    assertThat(i.parts())
        .extracting(InspectedPart::kind)
        .containsExactly(
            ArtefactKind.SYSLEVEL_OUTPUT, ArtefactKind.POPUPLOG, ArtefactKind.CONFIG_SYS);
    assertThat(i.parts()).extracting(InspectedPart::firstLine).containsExactly(1, 9, 23);
    assertThat(i.problems()).isEmpty();
    FoldedDiagnostics c = i.combined();
    assertThat(c.environment().stack().version()).isEqualTo("4.3");
    assertThat(c.environment().shim().installMode())
        .isEqualTo(InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD);
    assertThat(c.traps())
        .singleElement()
        .satisfies(t -> assertThat(t.module()).isEqualTo("TCPIP32.DLL"));
    assertThat(c.findings())
        .first()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Finding.Severity.BLOCKER);
              assertThat(f.code()).isEqualTo("shim-inactive");
            });
    ContractCheck.assertValid(i);
  }

  @Test
  void splitsEverySampleKindPastedOneAfterAnother() {
    List<String> order =
        List.of(
            "os2/syslevel-fpk.txt",
            "os2/popuplog-redbook.txt",
            "os2/synthetic-config-side-before.sys",
            "os2/trap-screen-warp452.txt",
            "os2/synthetic-ver-r.txt",
            "os2/synthetic-exceptq-python-tcpip32.trp",
            "os2/synthetic-inetver.txt",
            "os2/synthetic-trap-screen-no-registers.txt",
            "os2/synthetic-bldlevel-tcpip32.txt",
            "os2/synthetic-syslevel-wrapped-titles.txt",
            "os2/synthetic-dir-exp-dynload.txt",
            "os2/synthetic-trap-screen-device-driver.txt",
            "os2/synthetic-popuplog-several-entries.txt",
            "diagnostics/jvm/synthetic-hs_err_pid4242.log");
    StringBuilder paste = new StringBuilder();
    List<ArtefactKind> expected = new ArrayList<>();
    for (String sample : order) {
      paste.append(Samples.text(sample)).append("\r\n\r\n");
      expected.add(KINDS.get(sample));
    }

    Inspection i = ArtefactInspector.inspectText("-", paste.toString());

    assertThat(i.parts()).extracting(InspectedPart::kind).containsExactlyElementsOf(expected);
    assertThat(i.problems()).isEmpty();
    for (int k = 0; k < order.size(); k++) {
      Inspection alone = ArtefactInspector.inspect("-", Samples.bytes(order.get(k)));
      assertThat(i.parts().get(k).artefact().traps())
          .as(order.get(k))
          .isEqualTo(alone.parts().get(0).artefact().traps());
    }
    assertThat(i.combined().traps()).hasSize(1 + 1 + 1 + 1 + 1 + 3 + 1);
    ContractCheck.assertValid(i);
  }

  @Test
  void readsAConfigSysByItsNameAsAWholeEvenWhenALineLooksLikeAnotherArtefact() {
    String config =
        "SET NOTE=The Operating System/2 Version is 4.50\r\n"
            + "DEVICE=C:\\MPTN\\PROTOCOL\\SOCKETS.SYS\r\nSUPPRESSPOPUPS=C\r\n";
    byte[] bytes = config.getBytes(StandardCharsets.US_ASCII);

    Inspection named = ArtefactInspector.inspect("CONFIG.SYS", bytes);
    Inspection pasted = ArtefactInspector.inspect("-", bytes);

    assertThat(named.parts())
        .extracting(InspectedPart::kind)
        .containsExactly(ArtefactKind.CONFIG_SYS);
    assertThat(pasted.parts())
        .extracting(InspectedPart::kind)
        .containsExactly(ArtefactKind.VER_OUTPUT, ArtefactKind.CONFIG_SYS);
  }

  @Test
  void triesTheParserAFileNameSuggestsForTextNothingRecognized() {
    Inspection trp =
        ArtefactInspector.inspect(
            "0042_01.TRP", "just some words\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(trp.parts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(ArtefactKind.EXCEPTQ_REPORT);
              assertThat(p.problem().reason()).isEqualTo(Reason.NOT_RECOGNIZED);
              assertThat(p.problem().message()).contains("EXCEPTQ");
            });
  }

  @Test
  void saysWhichLineOfUnrecognizedTextItCouldNotRead() {
    Inspection i =
        ArtefactInspector.inspectText("-", "\n\nDear maintainer,\nBitTorrent crashes.\n");

    assertThat(i.parts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(ArtefactKind.UNKNOWN);
              assertThat(p.firstLine()).isEqualTo(3);
              assertThat(p.lastLine()).isEqualTo(4);
              assertThat(p.problem().reason()).isEqualTo(Reason.NOT_RECOGNIZED);
              assertThat(p.problem().line()).isEqualTo(3);
            });
    assertThat(i.combined().environment()).isNull();
    assertThat(i.combined().findings()).isEmpty();
  }

  @Test
  void readsTheFirstArtefactsOfAnInputHoldingVeryMany() {
    String screen = Samples.text("os2/trap-screen-warp452.txt") + "\n";

    Inspection i =
        ArtefactInspector.inspectText("-", screen.repeat(ArtefactInspector.MAX_PARTS + 10));

    assertThat(i.parts()).hasSize(ArtefactInspector.MAX_PARTS + 1);
    assertThat(i.parts().get(ArtefactInspector.MAX_PARTS).problem())
        .satisfies(
            p -> {
              assertThat(p.reason()).isEqualTo(Reason.TOO_LARGE);
              assertThat(p.message()).startsWith("10 more artefacts were not read");
            });
    assertThat(i.artefacts()).hasSize(ArtefactInspector.MAX_PARTS);
  }

  @Test
  void reportsEmptyAndOversizedInputAsProblemsNotExceptions() {
    Inspection empty = ArtefactInspector.inspect("-", new byte[0]);
    Inspection blank = ArtefactInspector.inspectText("-", "  \n ");
    Inspection huge = ArtefactInspector.inspect("-", new byte[TextBlock.MAX_BYTES + 1]);

    assertThat(empty.problems()).extracting(ParseProblem::reason).containsExactly(Reason.EMPTY);
    assertThat(blank.problems()).extracting(ParseProblem::reason).containsExactly(Reason.EMPTY);
    assertThat(huge.problems()).extracting(ParseProblem::reason).containsExactly(Reason.TOO_LARGE);
  }

  @Test
  void summarizesForPeopleInAFewLines() {
    Inspection i =
        ArtefactInspector.inspect("POPUPLOG.OS2", Samples.bytes("os2/popuplog-redbook.txt"));

    String text = i.summaryText();

    assertThat(text)
        .startsWith("POPUPLOG.OS2: 1 part\n  POPUPLOG.OS2 (lines 1-16)\n")
        .contains(
            "SYS3175: c0000005 (access violation) in BEDBUG.EXE at DOSCALL1.DLL 0002:00004e24")
        .contains("[info] the TCP/IP version is not known");
    assertThat(text.lines().count()).isLessThan(12);
  }

  @Test
  void foldsSeveralFilesTogetherAsWellAsEachAlone() {
    InspectionSet set =
        ArtefactInspector.inspectAll(
            List.of(
                input("os2/synthetic-syslevel-wrapped-titles.txt"),
                input("os2/synthetic-config-side-after.sys"),
                input("os2/synthetic-popuplog-several-entries.txt")));

    assertThat(set.inspections()).hasSize(3);
    FoldedDiagnostics c = set.combined();
    assertThat(c.environment().os().name()).isEqualTo("OS/2 Warp 4");
    assertThat(c.environment().os().version()).isEqualTo("4.50");
    assertThat(c.environment().stack().level()).isEqualTo("UN02200");
    assertThat(c.environment().stack().components())
        .anySatisfy(comp -> assertThat(comp.name()).isEqualTo("TCPIP32.DLL"));
    assertThat(c.environment().shim().installMode())
        .isEqualTo(InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD);
    assertThat(c.traps()).hasSize(3);
    assertThat(c.findings())
        .extracting(Finding::code)
        .contains("shim-inactive", "stack-ok", "traps-in-stack");
    ContractCheck.assertValid(c.environment(), c.traps());
    assertThat(set.summaryText())
        .contains("synthetic-config-side-after.sys: 1 part")
        .contains(
            "all 3 inputs together (synthetic-syslevel-wrapped-titles.txt,"
                + " synthetic-config-side-after.sys, synthetic-popuplog-several-entries.txt):")
        .contains("[blocker] the shim's directory %PYTHONHOME%\\Lib\\exp-dynload comes after");
  }

  private static ArtefactInput input(String sample) {
    return new ArtefactInput(Samples.name(sample), Samples.bytes(sample));
  }
}
