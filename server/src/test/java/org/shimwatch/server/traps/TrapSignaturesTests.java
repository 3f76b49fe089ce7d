package org.shimwatch.server.traps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.jvm.HsErrLogParser;
import org.shimwatch.diagnostics.os2.ExceptqParser;
import org.shimwatch.diagnostics.os2.PopupLogParser;
import org.shimwatch.diagnostics.os2.TrapScreenParser;
import org.shimwatch.report.Trap;
import org.shimwatch.server.rollup.ReportChildren;
import org.shimwatch.server.system.ShimwatchProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TrapSignaturesTests {

  /** The defaults of application settings, as the server starts with them. */
  static final TrapSignatures DEFAULTS = defaults();

  static final String POPUPLOG =
      """
      ------------------------------------------------------------

      03-08-2004  21:42:03  SYS3175  PID 00b2  TID 0003  Slot 006b
      D:\\HOME\\ALICE\\PYTHON23\\PYTHON.EXE
      c0000005
      1c04a1f4
      P1=00000001  P2=0000000c  P3=XXXXXXXX  P4=XXXXXXXX
      EAX=00000000  EBX=00060210  ECX=0002881c  EDX=00060210
      ESI=00000001  EDI=00000002
      CS:EIP=005b:1c04a1f4  CSACC=d0df  CSLIM=ffffffff
      SS:ESP=0053:000287ec  SSACC=d0f3  SSLIM=ffffffff
      EBP=000287f8  FLG=00012206

      TCPIP32.DLL 0001:0000a1f4

      ------------------------------------------------------------
      """;

  static final String EXCEPTQ =
      """
      ______________________________________________________________________

       Exception Report - created 2004/03/08 21:42:03
      ______________________________________________________________________

       Exception C0000005 - Access Violation
      ______________________________________________________________________

       Process:  D:\\HOME\\ALICE\\PYTHON23\\PYTHON.EXE
       PID:      B2 (178)
       TID:      03 (3)

       Module:   TCPIP32
       Filename: D:\\MPTN\\DLL\\TCPIP32.DLL
       Address:  005B:1C04A1F4 (0001:0000A1F4)
       Cause:    Attempted to read from 0000000C

      ______________________________________________________________________

       Call Stack
      ______________________________________________________________________

         EBP     Address    Module     Obj:Offset    Nearest Public Symbol
       --------  ---------  --------  -------------  -----------------------
       Trap  ->  1C04A1F4   TCPIP32   0001:0000A1F4

       000287F8  1C0B1C30   _SOCKET   0001:00001C30  sock_recv + 30

      ______________________________________________________________________
      """;

  @Test
  void aPopuplogEntryAndAnExceptqReportOfOneFaultGroupTogether() throws Exception {
    Trap popup = PopupLogParser.parse(POPUPLOG).entries().get(0).trap();
    Trap exceptq = ExceptqParser.parse(EXCEPTQ).trap();

    TrapSignatures.Signature a = DEFAULTS.signature(ReportChildren.row(0, popup), "os2");
    TrapSignatures.Signature b = DEFAULTS.signature(ReportChildren.row(0, exceptq), "os2");

    assertThat(a).isEqualTo(b);
    assertThat(a.key()).isEqualTo("c0000005|TCPIP32|1:a1f4");
  }

  @Test
  void aJvmCrashFileAndTheShimsOwnTrapOfOneFaultGroupTogether() throws Exception {
    String hsErr =
        """
        #
        # A fatal error has been detected by the Java Runtime Environment:
        #
        #  SIGSEGV (0xb) at pc=0x00007f3a1c2b5e2d, pid=4242, tid=4263
        #
        # Problematic frame:
        # C  [libshimwatch.so+0x2e2d]  shimwatch_select+0x1d
        #

        ---------------  T H R E A D  ---------------

        Native frames: (J=compiled Java code, j=interpreted, Vv=VM code, C=native code)
        C  [libshimwatch.so+0x2e2d]  shimwatch_select+0x1d
        C  [libc.so.6+0x10a3b4]  __select+0x54
        C  [libnio.so+0x9c21]  Java_sun_nio_ch_Net_poll+0x61
        j  sun.nio.ch.Net.poll(Ljava/io/FileDescriptor;IJ)I+0 java.base@17.0.15

        """;
    Trap jvm = HsErrLogParser.parse(hsErr).trap();
    Trap shim =
        trap(
            Trap.TrapSource.SHIM_SIGNAL,
            "SIGSEGV",
            null,
            "libshimwatch.so",
            null,
            "0x2e2d",
            List.of(
                new Trap.Frame("libshimwatch.so", null, "0x2e2d", null),
                new Trap.Frame("libc.so.6", null, "0x10a3b4", null),
                new Trap.Frame("libnio.so", null, "0x9c21", null)));

    String a = DEFAULTS.sign(ReportChildren.row(0, jvm), "linux");
    String b = DEFAULTS.sign(ReportChildren.row(0, shim), "linux");

    // The fault is in the shim, called through the C library: the caller groups it.
    assertThat(a).isEqualTo(b).isEqualTo("SIGSEGV|libnio.so|9c21");
  }

  static final String TRAP_000D =
      """
      Exception in module: OS2KRNL
      TRAP 000d       ERRCD=0000  ERACC=****  ERLIM=********
      EAX=00000001  EBX=80010002  ECX=ffed4638  EDX=0003f17b
      ESI=00000001  EDI=00000002  EBP=00005408  FLG=00012202
      CS:EIP=0168:fff4b7e2  CSACC=c09b  CSLIM=ffffffff
      SS:ESP=0030:000053ec  SSACC=1097  SSLIM=000044ff

      The system detected an internal processing error at
      location ##0168:fff1e3f3 - 000e:c3f3.
      60000, 9084

      Internal revision 14.097_UNI
      """;

  @Test
  void kernelScreensGroupByTrapNumberModuleAndCsEip() throws Exception {
    // shared/fixtures/os2/trap-screen-warp452.txt, the real screen (its first lines).
    String trap000e =
        """
        Exception in module: OS2KRNL
        TRAP 000e       ERRCD=0002  ERACC=****  ERLIM=********
        EAX=00000001  EBX=80010002  ECX=ffed4638  EDX=0003f17b
        ESI=00000001  EDI=00000002  EBP=00005408  FLG=00012202
        CS:EIP=0168:fff3cd2e  CSACC=c09b  CSLIM=ffffffff
        SS:ESP=0030:000053ec  SSACC=1097  SSLIM=000044ff

        The system detected an internal processing error at
        location ##0168:fff1e3f3 - 000e:c3f3.
        60000, 9084

        068606a0
        Internal revision 14.097_UNI
        """;
    Trap d = TrapScreenParser.parse(TRAP_000D).trap();
    Trap e = TrapScreenParser.parse(trap000e).trap();
    // The same TRAP 000D pasted again, with another line break style and spacing.
    Trap dAgain = TrapScreenParser.parse(TRAP_000D.replace("\n", "\r\n")).trap();

    assertThat(DEFAULTS.sign(ReportChildren.row(0, d), "os2"))
        .isEqualTo("trap-000d|OS2KRNL|168:fff4b7e2");
    assertThat(DEFAULTS.sign(ReportChildren.row(0, e), "os2"))
        .isEqualTo("trap-000e|OS2KRNL|168:fff3cd2e");
    assertThat(DEFAULTS.sign(ReportChildren.row(0, dAgain), "os2"))
        .isEqualTo(DEFAULTS.sign(ReportChildren.row(0, d), "os2"));
    // Below consent level 3 the register dump is left out; the location is not.
    assertThat(DEFAULTS.sign(ReportChildren.row(0, d.withoutDetails()), "os2"))
        .isEqualTo("trap-000d|OS2KRNL|168:fff4b7e2");
  }

  @Test
  void aTrapNumberAtAnotherCsEipIsAnotherGroup() throws Exception {
    Trap here = TrapScreenParser.parse(TRAP_000D).trap();
    Trap there = TrapScreenParser.parse(TRAP_000D.replace("0168:fff4b7e2", "0168:fff4c010")).trap();
    Trap otherNumber = TrapScreenParser.parse(TRAP_000D.replace("TRAP 000d", "TRAP 000e")).trap();

    String a = DEFAULTS.sign(ReportChildren.row(0, here), "os2");
    assertThat(DEFAULTS.sign(ReportChildren.row(0, there), "os2")).isNotEqualTo(a);
    assertThat(DEFAULTS.sign(ReportChildren.row(0, otherNumber), "os2"))
        .isEqualTo("trap-000e|OS2KRNL|168:fff4b7e2")
        .isNotEqualTo(a);
  }

  @Test
  void anInternalProcessingErrorGroupsByItsLocation() throws Exception {
    String ipe =
        """
        The system detected an internal processing error at
        location ##0160:fff6c4d9 - 000d:a4d9.
        60000, 9084

        Internal revision 14.104a_W4
        """;
    Trap t = TrapScreenParser.parse(ipe).trap();
    Trap elsewhere = TrapScreenParser.parse(ipe.replace("fff6c4d9", "fff6d001")).trap();

    assertThat(t.location()).isEqualTo("0160:fff6c4d9");
    assertThat(DEFAULTS.sign(ReportChildren.row(0, t), "os2")).isEqualTo("ipe|?|160:fff6c4d9");
    assertThat(DEFAULTS.sign(ReportChildren.row(0, elsewhere), "os2"))
        .isEqualTo("ipe|?|160:fff6d001");
  }

  @Test
  void aScreenWithoutRegistersGroupsByTheErrorsLocation() throws Exception {
    String noRegisters =
        """
        Exception in module: OS2KRNL
        TRAP 0008
        The system detected an internal processing error at
        location ##0168:fff1e3f3 - 000e:c3f3.
        Internal revision 14.097_UNI
        """;
    Trap t = TrapScreenParser.parse(noRegisters).trap();

    assertThat(DEFAULTS.sign(ReportChildren.row(0, t), "os2"))
        .isEqualTo("trap-0008|OS2KRNL|168:fff1e3f3");
  }

  @Test
  void aScreenSentBeforeReportsCarriedItsLocationGroupsByItsRegisters() throws Exception {
    Trap now = TrapScreenParser.parse(TRAP_000D).trap();
    Trap before =
        new Trap(
            now.source(),
            null,
            null,
            null,
            now.trapNumber(),
            null,
            null,
            now.module(),
            null,
            null,
            now.faultAddress(),
            null,
            now.revision(),
            null,
            now.registers(),
            null);

    assertThat(DEFAULTS.sign(ReportChildren.row(0, before), "os2"))
        .isEqualTo(DEFAULTS.sign(ReportChildren.row(0, now), "os2"));
  }

  @Test
  void aFaultInARuntimeModuleGroupsOnTheFirstCallerOutsideTheLists() {
    Trap linux =
        trap(
            Trap.TrapSource.SHIM_SIGNAL,
            "SIGSEGV",
            null,
            "libc.so.6",
            null,
            "0x9d0a4",
            List.of(
                new Trap.Frame("libc.so.6", null, "0x9d0a4", null),
                new Trap.Frame("aria2c", null, "0x1f3e20", null)));
    Trap os2 =
        trap(
            Trap.TrapSource.OS2_EXCEPTQ,
            null,
            "c0000005",
            "DOSCALL1.DLL",
            "0002",
            "0000b0c4",
            List.of(
                new Trap.Frame("DOSCALL1", "0002", "0000B0C4", null),
                new Trap.Frame("_SOCKET", "0001", "00001C30", null),
                new Trap.Frame("TCPIP32", "0001", "0000A1F4", null)));

    assertThat(DEFAULTS.sign(ReportChildren.row(0, linux), "linux"))
        .isEqualTo("SIGSEGV|aria2c|1f3e20");
    assertThat(DEFAULTS.sign(ReportChildren.row(0, os2), "os2"))
        .isEqualTo("c0000005|TCPIP32|1:a1f4");
  }

  @Test
  void whenEveryFrameIsListedTheShimsFrameIsKept() {
    Trap t =
        trap(
            Trap.TrapSource.OS2_POPUPLOG,
            null,
            "c0000005",
            "DOSCALL1.DLL",
            "0002",
            "0000b0c4",
            List.of(
                new Trap.Frame("DOSCALL1.DLL", "0002", "0000b0c4", null),
                new Trap.Frame("SELECT.PYD", "0001", "00000410", null),
                new Trap.Frame("PYTHON23.DLL", "0001", "000e4410", null)));

    assertThat(DEFAULTS.sign(ReportChildren.row(0, t), "os2")).isEqualTo("c0000005|SELECT|1:410");
  }

  @Test
  void theListsAreSettings() {
    Trap t =
        trap(
            Trap.TrapSource.SHIM_SIGNAL,
            "SIGSEGV",
            null,
            "libc.so.6",
            null,
            "0x9d0a4",
            List.of(
                new Trap.Frame("libc.so.6", null, "0x9d0a4", null),
                new Trap.Frame("aria2c", null, "0x1f3e20", null)));
    TrapSignatures nothingSkipped = new TrapSignatures(List.of(), List.of());
    TrapSignatures prefix = new TrapSignatures(List.of(), List.of("libc.so*", "aria*"));

    assertThat(nothingSkipped.sign(ReportChildren.row(0, t), "linux"))
        .isEqualTo("SIGSEGV|libc.so.6|9d0a4");
    // Everything listed and no shim frame: the fault's own location.
    assertThat(prefix.sign(ReportChildren.row(0, t), "linux")).isEqualTo("SIGSEGV|libc.so.6|9d0a4");
  }

  @Test
  void normalizesCodesModulesAndLocations() {
    assertThat(TrapSignatures.hex("0x00000000001F3E20")).isEqualTo("1f3e20");
    assertThat(TrapSignatures.hex("00000000")).isEqualTo("0");
    assertThat(TrapSignatures.module("tcpip32.dll", true)).isEqualTo("TCPIP32");
    assertThat(TrapSignatures.module("libc.so.6", false)).isEqualTo("libc.so.6");
    Trap trap0006 = trap(Trap.TrapSource.OS2_TRAP_SCREEN, null, null, null, null, null, List.of());
    Trap withNumber =
        new Trap(
            Trap.TrapSource.OS2_TRAP_SCREEN,
            null,
            null,
            null,
            "0006",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(TrapSignatures.code(ReportChildren.row(0, withNumber))).isEqualTo("c000001c");
    assertThat(TrapSignatures.code(ReportChildren.row(0, trap0006))).isEqualTo("?");
    assertThat(DEFAULTS.sign(ReportChildren.row(0, trap0006), "os2")).isEqualTo("?|?|?");
  }

  static Trap trap(
      Trap.TrapSource source,
      String signal,
      String exceptionCode,
      String module,
      String object,
      String offset,
      List<Trap.Frame> frames) {
    return new Trap(
        source,
        null,
        signal,
        null,
        null,
        exceptionCode,
        null,
        module,
        object,
        offset,
        null,
        null,
        null,
        frames.isEmpty() ? null : frames,
        null,
        null);
  }

  private static TrapSignatures defaults() {
    ShimwatchProperties p =
        new Binder(new MapConfigurationPropertySource(java.util.Map.of("shimwatch.demo", "false")))
            .bindOrCreate("shimwatch", ShimwatchProperties.class);
    return new TrapSignatures(p.traps().shimModules(), p.traps().runtimeModules());
  }
}
