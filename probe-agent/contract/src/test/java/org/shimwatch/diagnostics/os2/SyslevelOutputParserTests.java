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
import org.shimwatch.diagnostics.Samples;
import org.shimwatch.report.Environment;

class SyslevelOutputParserTests {

  @Test
  void readsTheRedbookFixpakEntryWithItsCrlfLineEnds() throws Exception {
    String text = Samples.text("os2/syslevel-fpk.txt");
    assertThat(text).contains("\r\n");

    SyslevelListing listing = SyslevelOutputParser.parse(text);

    assertThat(listing.entries())
        .containsExactly(
            new SyslevelEntry(
                "SYSLEVEL.FPK",
                SyslevelProduct.OS2_FIXPAK,
                "OS/2 Warp 4 Service Level",
                "1.00",
                "566933010",
                "Fixpak",
                "XR0M006",
                "XR0M006"));
    assertThat(listing.notes()).isEmpty();
  }

  @Test
  void theRedbookEntryFoldsIntoAFixpakOfOs2Warp4() throws Exception {
    SyslevelListing listing = SyslevelOutputParser.parse(Samples.text("os2/syslevel-fpk.txt"));

    FoldedDiagnostics folded = DiagnosticsFold.fold(List.of(listing));

    assertThat(folded.environment().os().name()).isEqualTo("OS/2 Warp 4");
    assertThat(folded.environment().fixes())
        .containsExactly(new Environment.Fix("fixpak", "XR0M006", null));
    ContractCheck.assertValid(folded.environment(), folded.traps());
  }

  @Test
  void joinsWrappedTitlesWhateverTheIndentation() throws Exception {
    SyslevelListing listing =
        SyslevelOutputParser.parse(Samples.text("os2/synthetic-syslevel-wrapped-titles.txt"));

    assertThat(listing.entries())
        .extracting(SyslevelEntry::fileName)
        .containsExactly("SYSLEVEL.OS2", "SYSLEVEL.MPT", "SYSLEVEL.TCP");
    assertThat(listing.entries())
        .extracting(SyslevelEntry::title)
        .containsExactly(
            "IBM OS/2 Base Operating System",
            "IBM OS/2 LAN Adapter and Protocol Support (MPTS) for OS/2 Warp",
            "IBM TCP/IP Version 4.3 for OS/2 Warp");
    assertThat(listing.entries())
        .extracting(SyslevelEntry::product)
        .containsExactly(SyslevelProduct.OS2_BASE, SyslevelProduct.MPTS, SyslevelProduct.TCPIP);
    assertThat(listing.entries())
        .extracting(SyslevelEntry::currentCsd)
        .containsExactly("XR0M015", "WR08700", "UN02200");
    assertThat(listing.entries().get(2).componentId()).isEqualTo("5639B0900");
    assertThat(listing.notes()).isEmpty();
  }

  @Test
  void readsTheSameEntriesWithLfCrlfOrCrLineEnds() throws Exception {
    String lf = Samples.text("os2/synthetic-syslevel-wrapped-titles.txt");

    SyslevelListing fromLf = SyslevelOutputParser.parse(lf);
    SyslevelListing fromCrlf = SyslevelOutputParser.parse(lf.replace("\n", "\r\n"));
    SyslevelListing fromCr = SyslevelOutputParser.parse(lf.replace("\n", "\r"));

    assertThat(fromCrlf).isEqualTo(fromLf);
    assertThat(fromCr).isEqualTo(fromLf);
  }

  @Test
  void takesAWrappedTitleLineStartingWithVersionForTitle() throws Exception {
    String text =
        "C:\\TCPIP\\BIN\\SYSLEVEL.TCP\n"
            + "     IBM TCP/IP\n"
            + "     Version 4.3 for OS/2 Warp\n"
            + "     Version 4.30     Component ID 5639B0900\n"
            + "     Current CSD level: UN02200\n";

    SyslevelListing listing = SyslevelOutputParser.parse(text);

    assertThat(listing.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.title()).isEqualTo("IBM TCP/IP Version 4.3 for OS/2 Warp");
              assertThat(e.version()).isEqualTo("4.30");
            });
    assertThat(listing.notes()).isEmpty();
  }

  @Test
  void readsAnEntryPastedWithoutItsPathLine() throws Exception {
    String text =
        "  IBM TCP/IP for OS/2\n"
            + "  Version 4.21     Component ID 5639B0900\n"
            + "  Current CSD level: UN02101\n"
            + "  Prior   CSD level: UN02100\n";

    SyslevelListing listing = SyslevelOutputParser.parse(text);

    assertThat(listing.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.fileName()).isNull();
              assertThat(e.title()).isEqualTo("IBM TCP/IP for OS/2");
              assertThat(e.product()).isEqualTo(SyslevelProduct.TCPIP);
              assertThat(e.version()).isEqualTo("4.21");
            });
  }

  @Test
  void keepsAnEntryCutShortAfterItsVersionAndNotesTheMissingLevel() throws Exception {
    String text = "C:\\TCPIP\\BIN\\SYSLEVEL.TCP\n  IBM TCP/IP for OS/2\n  Version 4.30";

    SyslevelListing listing = SyslevelOutputParser.parse(text);

    assertThat(listing.entries())
        .singleElement()
        .satisfies(e -> assertThat(e.currentCsd()).isNull());
    assertThat(listing.notes()).anySatisfy(n -> assertThat(n.text()).contains("no CSD level"));
  }

  @Test
  void skipsAnEntryCutShortBeforeItsVersionButKeepsTheOthers() throws Exception {
    String text =
        Samples.text("os2/syslevel-fpk.txt") + "C:\\TCPIP\\BIN\\SYSLEVEL.TCP\r\n  IBM TCP/IP\r\n";

    SyslevelListing listing = SyslevelOutputParser.parse(text);

    assertThat(listing.entries())
        .extracting(SyslevelEntry::fileName)
        .containsExactly("SYSLEVEL.FPK");
    assertThat(listing.notes())
        .anySatisfy(
            n -> {
              assertThat(n.line()).isEqualTo(7);
              assertThat(n.text()).contains("SYSLEVEL.TCP");
            });
  }

  @Test
  void refusesTextWithoutAnyEntryAtItsFirstLine() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class,
            () -> SyslevelOutputParser.parse("\n\nhello world\nthis is not syslevel\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
    assertThat(e.line()).hasValue(3);
  }

  @Test
  void treatsOnlyWholePathLinesAsEntryStarts() {
    assertThat(SyslevelOutputParser.isPathLine("C:\\OS2\\INSTALL\\SYSLEVEL.OS2")).isTrue();
    assertThat(SyslevelOutputParser.isPathLine("  d:/tcpip/bin/syslevel.tcp  ")).isTrue();
    assertThat(SyslevelOutputParser.isPathLine("SYSLEVEL.FPK")).isTrue();
    assertThat(SyslevelOutputParser.isPathLine("see C:\\TCPIP\\BIN\\SYSLEVEL.TCP")).isFalse();
    assertThat(SyslevelOutputParser.isPathLine("C:\\OS2\\INSTALL\\SYSLEVEL.OS2X")).isFalse();
  }
}
