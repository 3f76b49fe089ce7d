package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.ContractCheck;
import org.shimwatch.diagnostics.Samples;
import org.shimwatch.report.Trap;

class ExceptqParserTests {

  private static final String SAMPLE = "os2/synthetic-exceptq-python-tcpip32.trp";

  @Test
  void readsAnExceptq7ReportIntoTheSharedTrapModel() throws Exception {
    ExceptqReport report = ExceptqParser.parse(Samples.text(SAMPLE));

    Trap t = report.trap();
    assertThat(t.source()).isEqualTo(Trap.TrapSource.OS2_EXCEPTQ);
    assertThat(t.time()).isEqualTo(Instant.parse("2004-03-08T21:42:03Z"));
    assertThat(t.exceptionCode()).isEqualTo("c0000005");
    assertThat(t.module()).isEqualTo("TCPIP32.DLL");
    assertThat(t.object()).isEqualTo("0001");
    assertThat(t.offset()).isEqualTo("0000a1f4");
    assertThat(t.faultAddress()).isEqualTo("1c04a1f4");
    assertThat(t.process()).isEqualTo(new Trap.Process("PYTHON.EXE", 178L, 3L));
    assertThat(t.registers())
        .containsEntry("EAX", "00000000")
        .containsEntry("EIP", "1c04a1f4")
        .containsEntry("CSLIM", "ffffffff")
        .containsEntry("GS", "0000")
        .hasSize(18);
    assertThat(report.exceptionName()).isEqualTo("Access Violation");
    assertThat(report.osVersion()).isEqualTo("2.45");
    assertThat(report.exceptqVersion()).isEqualTo("7.11.3");
    assertThat(report.cause()).isEqualTo("Attempted to read from 0000000C (not a valid address)");
    ContractCheck.assertValid(null, report.traps());
  }

  @Test
  void readsTheCallStackTableStartingAtTheTrapRow() throws Exception {
    ExceptqReport report = ExceptqParser.parse(Samples.text(SAMPLE));

    assertThat(report.trap().frames())
        .containsExactly(
            new Trap.Frame("TCPIP32", "0001", "0000a1f4", null),
            new Trap.Frame("_SOCKET", "0001", "00001c30", "sock_recv + 30"),
            new Trap.Frame("PYTHON23", "0001", "000e4410", "PyEval_EvalFrame + 1A40"));
    assertThat(report.unresolvedFrames()).isEqualTo(1);
  }

  @Test
  void keepsLoadedModulesWithoutTheirDirectoriesExceptThePythonExtensions() throws Exception {
    ExceptqReport report = ExceptqParser.parse(Samples.text(SAMPLE));

    assertThat(report.loadedModules())
        .containsExactly(
            new LoadedModule("DOSCALL1", "DOSCALL1.DLL", null),
            new LoadedModule("TCPIP32", "TCPIP32.DLL", null),
            new LoadedModule("PYTHON23", "PYTHON23.DLL", null),
            new LoadedModule("_SOCKET", "_SOCKET.PYD", "%PYTHONHOME%\\Lib\\exp-dynload"),
            new LoadedModule("SELECT", "SELECT.PYD", "%PYTHONHOME%\\Lib\\exp-dynload"));
    assertThat(report.toString()).doesNotContain("ALICE").doesNotContain("HOME\\");
  }

  @Test
  void readsA16BitAddressWithoutCallingItAFlatAddress() throws Exception {
    String text =
        Samples.text(SAMPLE).replace("005B:1C04A1F4 (0001:0000A1F4)", "0457:1234 (0003:00001234)");

    ExceptqReport report = ExceptqParser.parse(text);

    assertThat(report.trap().object()).isEqualTo("0003");
    assertThat(report.trap().offset()).isEqualTo("00001234");
    assertThat(report.trap().faultAddress()).isNull();
  }

  @Test
  void readsAReportCutShortAfterItsExceptionSection() throws Exception {
    String text = Samples.text(SAMPLE);
    String cut = text.substring(0, text.indexOf(" Failing Instruction"));

    ExceptqReport report = ExceptqParser.parse(cut);

    assertThat(report.trap().exceptionCode()).isEqualTo("c0000005");
    assertThat(report.trap().frames()).isNull();
    assertThat(report.trap().registers()).isNull();
  }

  @Test
  void notesAReportCutShortBeforeItsExceptionSection() throws Exception {
    String text = Samples.text(SAMPLE);
    String cut = text.substring(0, text.indexOf(" Exception C0000005"));

    ExceptqReport report = ExceptqParser.parse(cut);

    assertThat(report.trap().exceptionCode()).isNull();
    assertThat(report.notes()).anySatisfy(n -> assertThat(n.text()).contains("cut short"));
  }

  @Test
  void refusesTextWithoutReportHeaderOrExceptionSection() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class,
            () -> ExceptqParser.parse(" Registers\n EAX : 00000000   EBX  : 00060210\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
  }
}
