package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.ContractCheck;
import org.shimwatch.diagnostics.DiagnosticsFold;
import org.shimwatch.diagnostics.FoldedDiagnostics;

/** Binary SYSLEVEL files, built synthetically from the documented layout. */
class SyslevelFileParserTests {

  @Test
  void readsATcpipSyslevelFileWithTheTableInItsUsualPlace() throws Exception {
    byte[] bytes = SyslevelBytes.tcp43().build();

    SyslevelFile file = SyslevelFileParser.parse(bytes, "C:\\TCPIP\\BIN\\SYSLEVEL.TCP");

    SyslevelEntry e = file.entry();
    assertThat(bytes).hasSize(169);
    assertThat(e.fileName()).isEqualTo("SYSLEVEL.TCP");
    assertThat(e.product()).isEqualTo(SyslevelProduct.TCPIP);
    assertThat(e.title()).isEqualTo("IBM TCP/IP Version 4.3 for OS/2 Warp");
    assertThat(e.version()).isEqualTo("4.30");
    assertThat(e.currentCsd()).isEqualTo("UN02200");
    assertThat(e.priorCsd()).isEqualTo("UN02101");
    assertThat(e.componentId()).isEqualTo("5639B0900");
    assertThat(e.type()).isEqualTo("0");
    assertThat(file.tableOffset()).isEqualTo(0x25);
    assertThat(file.typeAtFallbackOffset()).isFalse();
    assertThat(file.notes()).isEmpty();
    assertThat(file.summary())
        .containsExactly(
            "SYSLEVEL.TCP: IBM TCP/IP Version 4.3 for OS/2 Warp, version 4.30, CSD UN02200 (0)");
  }

  @Test
  void honoursATableOffsetOtherThan0x25() throws Exception {
    byte[] bytes = SyslevelBytes.tcp43().tableOffset(0x60).build();

    SyslevelFile file = SyslevelFileParser.parse(bytes, "SYSLEVEL.TCP");

    assertThat(file.tableOffset()).isEqualTo(0x60);
    assertThat(file.entry().currentCsd()).isEqualTo("UN02200");
    assertThat(file.entry().title()).startsWith("IBM TCP/IP");
    assertThat(file.notes()).singleElement().satisfies(n -> assertThat(n.text()).contains("0x60"));
  }

  @Test
  void findsTheTypeAtTablePlus0x72WhenTablePlus0x71IsNul() throws Exception {
    byte[] bytes = SyslevelBytes.os2Warp45().type("Fixpak").typeAtFallback().build();

    SyslevelFile file = SyslevelFileParser.parse(bytes, "SYSLEVEL.OS2");

    assertThat(file.entry().type()).isEqualTo("Fixpak");
    assertThat(file.typeAtFallbackOffset()).isTrue();
  }

  @Test
  void readsOs2AndEcomstationVersionBytes() throws Exception {
    SyslevelFile os2 = SyslevelFileParser.parse(SyslevelBytes.os2Warp45().build(), "SYSLEVEL.OS2");
    SyslevelFile ecs = SyslevelFileParser.parse(SyslevelBytes.ecs12().build(), "SYSLEVEL.ECS");
    SyslevelFile ecs20 =
        SyslevelFileParser.parse(SyslevelBytes.ecs12().version(0x20, 0).build(), "SYSLEVEL.ECS");

    assertThat(os2.entry().version()).isEqualTo("4.50");
    assertThat(os2.entry().product()).isEqualTo(SyslevelProduct.OS2_BASE);
    assertThat(ecs.entry().version()).isEqualTo("1.20");
    assertThat(ecs.entry().product()).isEqualTo(SyslevelProduct.ECOMSTATION);
    assertThat(ecs20.entry().version()).isEqualTo("2.00");

    FoldedDiagnostics folded = DiagnosticsFold.fold(List.of(os2, ecs));
    assertThat(folded.environment().os().name()).isEqualTo("eComStation");
    assertThat(folded.environment().os().version()).isEqualTo("1.2");
  }

  @Test
  void showsTheModifyAndRefreshLevelsInTheVersion() throws Exception {
    byte[] bytes = SyslevelBytes.tcp43().version(0x42, 1).refresh(2).build();

    assertThat(SyslevelFileParser.parse(bytes, null).entry().version()).isEqualTo("4.21.2");
  }

  @Test
  void acceptsFilesOfAnySizeThatHoldTheTable() throws Exception {
    byte[] withList = SyslevelBytes.tcp43().trailing(400).build();

    SyslevelFile file = SyslevelFileParser.parse(withList, "SYSLEVEL.TCP");

    assertThat(file.size()).isEqualTo(169 + 400);
    assertThat(file.entry().currentCsd()).isEqualTo("UN02200");
  }

  @Test
  void keepsOnlyTheFileNameOfThePathItCameFrom() throws Exception {
    SyslevelFile named =
        SyslevelFileParser.parse(SyslevelBytes.tcp43().build(), "d:/x/syslevel.tcp");
    SyslevelFile renamed = SyslevelFileParser.parse(SyslevelBytes.tcp43().build(), "copy.bin");

    assertThat(named.entry().fileName()).isEqualTo("SYSLEVEL.TCP");
    assertThat(renamed.entry().fileName()).isNull();
    // Without a file name the CSD level still says what the file describes.
    assertThat(renamed.entry().product()).isEqualTo(SyslevelProduct.TCPIP);
  }

  @Test
  void refusesFilesWithoutTheSignatureAtTheFirstDifferingByte() {
    byte[] bytes = SyslevelBytes.tcp43().build();
    bytes[5] = 'X';

    ArtefactParseException e = failure(bytes);

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
    assertThat(e.offset()).hasValue(5);
  }

  @Test
  void refusesFormatVersionsOtherThanOne() {
    ArtefactParseException e = failure(SyslevelBytes.tcp43().formatVersion(2).build());

    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThat(e.offset()).hasValue(0x0f);
  }

  @Test
  void refusesATableOffsetIntoTheHeader() {
    byte[] bytes = SyslevelBytes.tcp43().build();
    bytes[0x21] = 0x10;

    ArtefactParseException e = failure(bytes);

    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(e.offset()).hasValue(0x21);
  }

  @Test
  void saysWhereAFileCutShortEnds() {
    byte[] full = SyslevelBytes.tcp43().build();
    for (int length = 1; length < 0x25 + SyslevelFileParser.MIN_TABLE; length++) {
      byte[] cut = java.util.Arrays.copyOf(full, length);

      ArtefactParseException e = failure(cut);

      assertThat(e.reason()).as("cut at %d", length).isEqualTo(Reason.TRUNCATED);
      assertThat(e.offset()).as("cut at %d", length).hasValue(length);
    }
  }

  @Test
  void refusesATableOffsetPastTheEndOfTheFile() {
    byte[] bytes = SyslevelBytes.tcp43().build();
    bytes[0x22] = 0x7f;

    ArtefactParseException e = failure(bytes);

    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.offset()).hasValue(bytes.length);
  }

  @Test
  void refusesControlBytesInTheTitleAtTheirOffset() {
    byte[] bytes = SyslevelBytes.tcp43().build();
    bytes[0x25 + 0x17 + 4] = 0x07;

    ArtefactParseException e = failure(bytes);

    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(e.offset()).hasValue(0x25 + 0x17 + 4);
  }

  @Test
  void refusesEmptyAndOversizedInput() {
    assertThat(failure(new byte[0]).reason()).isEqualTo(Reason.EMPTY);
    byte[] huge =
        java.util.Arrays.copyOf(SyslevelBytes.tcp43().build(), SyslevelFileParser.MAX_BYTES + 1);
    assertThat(failure(huge).reason()).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void whatItReadsPassesTheReportContract() throws Exception {
    SyslevelFile tcp = SyslevelFileParser.parse(SyslevelBytes.tcp43().build(), "SYSLEVEL.TCP");
    SyslevelFile os2 = SyslevelFileParser.parse(SyslevelBytes.os2Warp45().build(), "SYSLEVEL.OS2");

    FoldedDiagnostics folded = DiagnosticsFold.fold(List.of(os2, tcp));

    assertThat(folded.environment().stack().version()).isEqualTo("4.3");
    assertThat(folded.environment().stack().level()).isEqualTo("UN02200");
    assertThat(folded.environment().os().name()).isEqualTo("OS/2 Warp 4");
    ContractCheck.assertValid(folded.environment(), folded.traps());
  }

  private static ArtefactParseException failure(byte[] bytes) {
    return catchThrowableOfType(
        ArtefactParseException.class, () -> SyslevelFileParser.parse(bytes, "SYSLEVEL.TCP"));
  }
}
