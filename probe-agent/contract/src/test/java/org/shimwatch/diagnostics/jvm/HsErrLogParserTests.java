package org.shimwatch.diagnostics.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.ContractCheck;
import org.shimwatch.diagnostics.DiagnosticsFold;
import org.shimwatch.diagnostics.FoldedDiagnostics;
import org.shimwatch.diagnostics.Samples;
import org.shimwatch.report.Trap;

class HsErrLogParserTests {

  private static final String LINUX = "diagnostics/jvm/synthetic-hs_err_pid4242.log";
  private static final String WINDOWS = "diagnostics/jvm/synthetic-hs_err_pid777-windows.log";

  @Test
  void readsASigsegvInANativeLibraryIntoTheSharedTrapModel() throws Exception {
    HsErrLog log = HsErrLogParser.parse(Samples.text(LINUX));

    Trap t = log.trap();
    assertThat(t.source()).isEqualTo(Trap.TrapSource.JVM_HS_ERR);
    assertThat(t.signal()).isEqualTo("SIGSEGV");
    assertThat(t.siCode()).isEqualTo(1);
    assertThat(t.exceptionCode()).isNull();
    assertThat(t.module()).isEqualTo("libshimwatch.so");
    assertThat(t.offset()).isEqualTo("00002e2d");
    assertThat(t.faultAddress()).isEqualTo("7f3a1c2b5e2d");
    assertThat(t.process()).isEqualTo(new Trap.Process(null, 4242L, 4263L));
    assertThat(t.time()).isEqualTo(Instant.parse("2025-11-24T07:55:31Z"));
    assertThat(t.registers())
        .containsEntry("RIP", "0x00007f3a1c2b5e2d")
        .containsEntry("R8", "0x0000000000000000")
        .containsEntry("TRAPNO", "0x000000000000000e")
        .hasSize(21);
    assertThat(log.siCodeName()).isEqualTo("SEGV_MAPERR");
    assertThat(log.siAddress()).isEqualTo("00000008");
    assertThat(log.runtimeName()).isEqualTo("OpenJDK Runtime Environment");
    assertThat(log.runtimeVersion()).isEqualTo("17.0.15+6");
    assertThat(log.osFamily()).isEqualTo("linux");
    assertThat(log.osName()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(log.kernelRelease()).isEqualTo("6.1.0-13-amd64");
    assertThat(log.machine()).isEqualTo("x86_64");
    ContractCheck.assertValid(null, log.traps());
  }

  @Test
  void readsTheNativeFramesWithModulesAndOffsets() throws Exception {
    HsErrLog log = HsErrLogParser.parse(Samples.text(LINUX));

    List<Trap.Frame> frames = log.trap().frames();
    assertThat(frames).hasSize(9);
    assertThat(frames.get(0))
        .isEqualTo(new Trap.Frame("libshimwatch.so", null, "00002e2d", "shimwatch_select+0x1d"));
    assertThat(frames.get(1))
        .isEqualTo(new Trap.Frame("libc.so.6", null, "0010a3b4", "__select+0x54"));
    assertThat(frames.get(3).symbol())
        .isEqualTo("sun.nio.ch.Net.poll(Ljava/io/FileDescriptor;IJ)I+0 java.base@17.0.15");
    assertThat(frames.get(4).symbol())
        .isEqualTo("sun.nio.ch.NioSocketImpl.park(Ljava/io/FileDescriptor;IJ)V java.base@17.0.15");
    assertThat(frames.get(6).symbol()).isEqualTo("~StubRoutines::call_stub");
    assertThat(frames.get(7).module()).isEqualTo("libjvm.so");
  }

  @Test
  void keepsNothingThatNamesTheUserOrTheirDirectories() throws Exception {
    HsErrLog log = HsErrLogParser.parse(Samples.text(LINUX));

    assertThat(log.toString()).doesNotContain("alice").doesNotContain("/home");
  }

  @Test
  void readsAWindowsAccessViolationAsAnExceptionCode() throws Exception {
    HsErrLog log = HsErrLogParser.parse(Samples.text(WINDOWS));

    Trap t = log.trap();
    assertThat(t.signal()).isNull();
    assertThat(t.exceptionCode()).isEqualTo("c0000005");
    assertThat(t.module()).isEqualTo("shimwatch.dll");
    assertThat(t.offset()).isEqualTo("00001d4e");
    assertThat(t.frames())
        .extracting(Trap.Frame::module)
        .containsExactly("shimwatch.dll", "WS2_32.dll", null);
    assertThat(log.runtimeName()).isEqualTo("Java(TM) SE Runtime Environment");
    assertThat(log.runtimeVersion()).isEqualTo("11.0.21+9");
    assertThat(log.osFamily()).isEqualTo("windows");
    // A local time zone by name cannot be read without guessing; the time is left out, said so.
    assertThat(t.time()).isNull();
    assertThat(log.notes()).anySatisfy(n -> assertThat(n.text()).contains("time zone"));
    assertThat(log.toString()).doesNotContain("alice");
    ContractCheck.assertValid(null, log.traps());
  }

  @Test
  void aCrashFileAloneDescribesTheJvmsEnvironment() throws Exception {
    FoldedDiagnostics folded =
        DiagnosticsFold.fold(List.of(HsErrLogParser.parse(Samples.text(LINUX))));

    assertThat(folded.environment().os().family()).isEqualTo("linux");
    assertThat(folded.environment().os().revision()).isEqualTo("6.1.0-13-amd64");
    assertThat(folded.environment().stack().name()).isEqualTo("linux");
    assertThat(folded.environment().runtime().version()).isEqualTo("17.0.15+6");
    assertThat(folded.install()).isNull();
    ContractCheck.assertValid(folded.environment(), folded.traps());
  }

  @Test
  void readsACrashFileCutShortAfterItsHeader() throws Exception {
    String text = Samples.text(LINUX);
    HsErrLog log = HsErrLogParser.parse(text.substring(0, text.indexOf("# Problematic frame")));

    assertThat(log.trap().signal()).isEqualTo("SIGSEGV");
    assertThat(log.trap().module()).isNull();
    assertThat(log.trap().frames()).isNull();
  }

  @Test
  void readsTheInsufficientMemoryVariant() throws Exception {
    HsErrLog log =
        HsErrLogParser.parse(
            "#\n# There is insufficient memory for the Java Runtime Environment to continue.\n"
                + "# Native memory allocation (mmap) failed to map 65536 bytes\n");

    assertThat(log.headline()).contains("insufficient memory");
    assertThat(log.trap().signal()).isNull();
  }

  @Test
  void refusesTextWithoutACrashHeader() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class,
            () -> HsErrLogParser.parse("Registers:\nRAX=0x0000000000000000\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
    assertThat(e.line()).hasValue(1);
  }
}
