package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.ContractCheck;
import org.shimwatch.diagnostics.Samples;
import org.shimwatch.report.Trap;

class PopupLogParserTests {

  @Test
  void readsTheRedbookEntryIntoTheSharedTrapModel() throws Exception {
    PopupLog log = PopupLogParser.parse(Samples.text("os2/popuplog-redbook.txt"));

    PopupLogEntry entry = log.entries().get(0);
    Trap t = entry.trap();
    assertThat(log.entries()).hasSize(1);
    assertThat(entry.loggedAt()).isEqualTo(LocalDateTime.of(1999, 2, 25, 10, 58, 35));
    assertThat(entry.slot()).isEqualTo(0x68);
    assertThat(entry.parameters()).isEqualTo(Map.of("P1", "00000001", "P2", "00000000"));
    assertThat(t.source()).isEqualTo(Trap.TrapSource.OS2_POPUPLOG);
    assertThat(t.time()).isEqualTo(Instant.parse("1999-02-25T10:58:35Z"));
    assertThat(t.errorCode()).isEqualTo("SYS3175");
    assertThat(t.exceptionCode()).isEqualTo("c0000005");
    assertThat(t.faultAddress()).isEqualTo("1bf94e24");
    assertThat(t.module()).isEqualTo("DOSCALL1.DLL");
    assertThat(t.object()).isEqualTo("0002");
    assertThat(t.offset()).isEqualTo("00004e24");
    assertThat(t.process()).isEqualTo(new Trap.Process("BEDBUG.EXE", 0xb2L, 1L));
    assertThat(t.frames())
        .containsExactly(new Trap.Frame("DOSCALL1.DLL", "0002", "00004e24", null));
    assertThat(t.registers())
        .containsEntry("EAX", "00000000")
        .containsEntry("CS:EIP", "005b:1bf94e24")
        .containsEntry("SS:ESP", "0053:000287ec")
        .containsEntry("FLG", "00012206")
        .containsEntry("GS", "0000")
        // Fields the log marks unused (**** or XXXXXXXX) are not registers.
        .doesNotContainKeys("GSACC", "GSLIM");
    assertThat(log.notes()).isEmpty();
    ContractCheck.assertValid(null, log.traps());
  }

  @Test
  void neverKeepsTheDirectoryOfTheProcess() throws Exception {
    PopupLog log = PopupLogParser.parse(Samples.text("os2/synthetic-popuplog-several-entries.txt"));

    assertThat(log.entries())
        .allSatisfy(e -> assertThat(e.trap().process().name()).isEqualTo("PYTHON.EXE"));
    assertThat(log.toString()).doesNotContain("ALICE").doesNotContain("HOME");
  }

  @Test
  void splitsSeveralEntriesAndReadsOneWithoutItsModuleLine() throws Exception {
    PopupLog log = PopupLogParser.parse(Samples.text("os2/synthetic-popuplog-several-entries.txt"));

    assertThat(log.entries()).extracting(PopupLogEntry::line).containsExactly(3, 22, 39);
    assertThat(log.entries())
        .extracting(PopupLogEntry::hasModuleLine)
        .containsExactly(true, false, true);
    Trap first = log.entries().get(0).trap();
    Trap second = log.entries().get(1).trap();
    Trap third = log.entries().get(2).trap();
    assertThat(first.module()).isEqualTo("TCPIP32.DLL");
    assertThat(first.object() + ":" + first.offset()).isEqualTo("0001:0000a1f4");
    assertThat(second.module()).isNull();
    assertThat(second.frames()).isNull();
    assertThat(second.faultAddress()).isEqualTo("00000000");
    assertThat(second.registers()).doesNotContainKeys("ESI", "EDI");
    assertThat(third.module()).isEqualTo("_SOCKET.PYD");
    assertThat(log.notes())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.line()).isEqualTo(22);
              assertThat(n.text()).contains("no module line");
            });
    ContractCheck.assertValid(null, log.traps());
  }

  @Test
  void notesAnImpossibleDateAndLeavesTheTimeOut() throws Exception {
    String text = Samples.text("os2/popuplog-redbook.txt").replace("02-25-1999", "02-30-1999");

    PopupLog log = PopupLogParser.parse(text);

    assertThat(log.entries().get(0).loggedAt()).isNull();
    assertThat(log.entries().get(0).trap().time()).isNull();
    assertThat(log.notes()).anySatisfy(n -> assertThat(n.text()).contains("not a real date"));
  }

  @Test
  void readsAnEntryCutShortAfterItsHeader() throws Exception {
    PopupLog log =
        PopupLogParser.parse("02-25-1999  10:58:35  SYS3175  PID 00b2  TID 0001  Slot 0068\n");

    Trap t = log.entries().get(0).trap();
    assertThat(t.errorCode()).isEqualTo("SYS3175");
    assertThat(t.exceptionCode()).isNull();
    assertThat(t.process()).isEqualTo(new Trap.Process(null, 0xb2L, 1L));
    assertThat(log.notes())
        .extracting(n -> n.text())
        .anySatisfy(s -> assertThat(s).contains("no exception code"));
    ContractCheck.assertValid(null, List.of(t));
  }

  @Test
  void notesTextBeforeTheFirstEntry() throws Exception {
    PopupLog log =
        PopupLogParser.parse("my popuplog:\n" + Samples.text("os2/popuplog-redbook.txt"));

    assertThat(log.entries()).hasSize(1);
    assertThat(log.notes()).singleElement().satisfies(n -> assertThat(n.line()).isEqualTo(1));
  }

  @Test
  void readsTheMostRecentEntriesOfAVeryLongLog() throws Exception {
    String entry = Samples.text("os2/popuplog-redbook.txt") + "\r\n";
    String last = entry.replace("PID 00b2", "PID 0fff");

    PopupLog log = PopupLogParser.parse(entry.repeat(PopupLogParser.MAX_ENTRIES + 40) + last);

    assertThat(log.entries()).hasSize(PopupLogParser.MAX_ENTRIES);
    assertThat(log.entries().get(log.entries().size() - 1).trap().process().pid())
        .isEqualTo(0xfffL);
    assertThat(log.notes()).anySatisfy(n -> assertThat(n.text()).startsWith("41 older entries"));
    assertThat(log.summary()).hasSizeLessThan(13);
  }

  @Test
  void refusesTextWithoutAnEntryHeader() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class,
            () -> PopupLogParser.parse("\nc0000005\n1bf94e24\nDOSCALL1.DLL 0002:00004e24\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
    assertThat(e.line()).hasValue(2);
  }
}
