package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.ContractCheck;
import org.shimwatch.diagnostics.Samples;
import org.shimwatch.report.Trap;

class TrapScreenParserTests {

  @Test
  void readsTheWarp452TrapScreen() throws Exception {
    TrapScreen screen = TrapScreenParser.parse(Samples.text("os2/trap-screen-warp452.txt"));

    Trap t = screen.trap();
    assertThat(t.source()).isEqualTo(Trap.TrapSource.OS2_TRAP_SCREEN);
    assertThat(t.trapNumber()).isEqualTo("000e");
    assertThat(t.module()).isEqualTo("OS2KRNL");
    assertThat(t.revision()).isEqualTo("14.097_UNI");
    assertThat(t.faultAddress()).isEqualTo("fff3cd2e");
    assertThat(t.registers())
        .containsEntry("ERRCD", "0002")
        .containsEntry("CS:EIP", "0168:fff3cd2e")
        .containsEntry("CR2", "00000001")
        .containsEntry("SSLIM", "000044ff")
        .doesNotContainKeys("ERACC", "ERLIM", "FSACC", "GSLIM");
    assertThat(screen.deviceDriver()).isFalse();
    assertThat(screen.detectedAt()).isEqualTo("0168:fff1e3f3");
    assertThat(screen.detectedAtObjectOffset()).isEqualTo("000e:c3f3");
    assertThat(screen.internalCodes()).containsExactly("60000, 9084", "068606a0");
    assertThat(screen.notes()).isEmpty();
    ContractCheck.assertValid(null, screen.traps());
  }

  @Test
  void readsADeviceDriverTrap() throws Exception {
    TrapScreen screen =
        TrapScreenParser.parse(Samples.text("os2/synthetic-trap-screen-device-driver.txt"));

    assertThat(screen.deviceDriver()).isTrue();
    assertThat(screen.trap().module()).isEqualTo("AFINET");
    assertThat(screen.trap().trapNumber()).isEqualTo("000d");
    assertThat(screen.trap().revision()).isEqualTo("14.104a_W4");
    assertThat(screen.trap().faultAddress()).isEqualTo("00004e2a");
    assertThat(screen.summary().get(0))
        .isEqualTo("TRAP 000d (general protection fault) in device driver AFINET at EIP 00004e2a");
    ContractCheck.assertValid(null, screen.traps());
  }

  @Test
  void readsAScreenWithoutRegistersOrModule() throws Exception {
    TrapScreen screen =
        TrapScreenParser.parse(Samples.text("os2/synthetic-trap-screen-no-registers.txt"));

    assertThat(screen.trap().trapNumber()).isEqualTo("0008");
    assertThat(screen.trap().module()).isNull();
    assertThat(screen.trap().registers()).isNull();
    assertThat(screen.trap().faultAddress()).isNull();
    assertThat(screen.trap().revision()).isEqualTo("8.162");
    assertThat(screen.summary())
        .containsExactly(
            "TRAP 0008 (double fault), module not shown",
            "kernel revision 8.162, no register dump");
    ContractCheck.assertValid(null, screen.traps());
  }

  @Test
  void readsAScreenCopiedOnlyUpToItsRegisters() throws Exception {
    String text = Samples.text("os2/trap-screen-warp452.txt");
    String cut = text.substring(0, text.indexOf("The system detected"));

    TrapScreen screen = TrapScreenParser.parse(cut);

    assertThat(screen.trap().trapNumber()).isEqualTo("000e");
    assertThat(screen.trap().revision()).isNull();
    assertThat(screen.detectedAt()).isNull();
  }

  @Test
  void refusesTextWithoutTrapLineModuleLineOrLocation() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class,
            () -> TrapScreenParser.parse("EAX=00000001  EBX=80010002\nThe system is stopped.\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
    assertThat(e.line()).hasValue(1);
  }

  @Test
  void aMessageWrappedOntoTwoLinesIsOneMessage() throws Exception {
    TrapScreen t =
        TrapScreenParser.parse(
            "The system detected an internal processing error at location ##1200: 04ba\n"
                + "- 0002:04ba.\n65535,9051\nFAT32:FSH_FORCENOSWAP on DATA\nSegment failed, rc=8\n");

    assertThat(t.messages()).containsExactly("FAT32:FSH_FORCENOSWAP on DATA Segment failed, rc=8");
  }
}
