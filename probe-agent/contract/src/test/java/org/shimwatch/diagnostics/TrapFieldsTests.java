package org.shimwatch.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Values put into the contract's trap fields the same way whatever artefact they came from. */
class TrapFieldsTests {

  @Test
  void writesHexTheSameWayForEverySource() {
    assertThat(TrapFields.object("0001")).isEqualTo("0001");
    assertThat(TrapFields.object("1")).isEqualTo("0001");
    assertThat(TrapFields.offset("0000A1F4")).isEqualTo("0000a1f4");
    assertThat(TrapFields.offset("0x2e2d")).isEqualTo("00002e2d");
    assertThat(TrapFields.offset("0x00007f3a1c2b5e2d")).isEqualTo("7f3a1c2b5e2d");
    assertThat(TrapFields.offset("xyz")).isNull();
    assertThat(TrapFields.offset("1".repeat(17))).isNull();
    assertThat(TrapFields.exceptionCode("C0000005")).isEqualTo("c0000005");
    assertThat(TrapFields.exceptionCode("0xb")).isNull();
    assertThat(TrapFields.trapNumber("000E")).isEqualTo("000e");
  }

  @Test
  void keepsOnlyTheFileNameOfAPath() {
    assertThat(TrapFields.fileName("E:\\CLASSES\\LABS\\LAB26\\BEDBUG.EXE")).isEqualTo("BEDBUG.EXE");
    assertThat(TrapFields.fileName("/home/alice/libshimwatch.so")).isEqualTo("libshimwatch.so");
    assertThat(TrapFields.fileName("C:PROG.EXE")).isEqualTo("PROG.EXE");
    assertThat(TrapFields.fileName("D:\\DIR\\")).isNull();
    assertThat(TrapFields.fileName("x".repeat(129))).isNull();
  }

  @Test
  void reducesPathsInsideSymbolsToFileNames() {
    assertThat(TrapFields.symbol("D:\\HOME\\ALICE\\SRC\\SOCKETMODULE.C#1234 sock_recv + 30"))
        .isEqualTo("SOCKETMODULE.C#1234 sock_recv + 30");
    assertThat(TrapFields.symbol("sun.nio.ch.Net.poll(Ljava/io/FileDescriptor;IJ)I+0"))
        .isEqualTo("sun.nio.ch.Net.poll(Ljava/io/FileDescriptor;IJ)I+0");
    assertThat(TrapFields.symbol("y".repeat(400))).hasSize(TrapFields.MAX_SYMBOL);
  }

  @Test
  void acceptsOnlyRegisterNamesAndValuesTheContractCarries() {
    assertThat(TrapFields.isRegisterName("CS:EIP")).isTrue();
    assertThat(TrapFields.isRegisterName("9AX")).isFalse();
    assertThat(TrapFields.registerValue("005B:1BF94E24")).isEqualTo("005b:1bf94e24");
    assertThat(TrapFields.registerValue("********")).isNull();
    assertThat(TrapFields.registerValue("XXXXXXXX")).isNull();
    assertThat(TrapFields.registerValue("not-hex")).isNull();
  }

  @Test
  void makesDatesOnlyFromRealDates() {
    assertThat(TrapFields.dateTime(1999, 2, 25, 10, 58, 35))
        .isEqualTo(LocalDateTime.of(1999, 2, 25, 10, 58, 35));
    assertThat(TrapFields.dateTime(1999, 2, 29, 0, 0, 0)).isNull();
    assertThat(TrapFields.dateTime(2000, 13, 1, 0, 0, 0)).isNull();
    assertThat(TrapFields.dateTime(2000, 1, 1, 24, 0, 0)).isNull();
    assertThat(TrapFields.utc(LocalDateTime.of(1969, 12, 31, 23, 59))).isNull();
  }
}
