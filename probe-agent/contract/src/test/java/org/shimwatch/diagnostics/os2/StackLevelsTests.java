package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The published TCP/IP and MPTS level table, and how stack versions compare. */
class StackLevelsTests {

  @Test
  void mapsTcpipCsdLevelsToStackVersions() {
    assertThat(StackLevels.tcpipVersionOf("UN00959")).isEqualTo("4.0");
    assertThat(StackLevels.tcpipVersionOf("UN01000")).isEqualTo("4.1");
    assertThat(StackLevels.tcpipVersionOf("UN02001")).isEqualTo("4.21");
    assertThat(StackLevels.tcpipVersionOf("UN02100")).isEqualTo("4.21");
    assertThat(StackLevels.tcpipVersionOf("UN02101")).isEqualTo("4.21");
    assertThat(StackLevels.tcpipVersionOf("UN02200")).isEqualTo("4.3");
    assertThat(StackLevels.tcpipVersionOf("UN02205")).isEqualTo("4.3");
    assertThat(StackLevels.tcpipVersionOf("WR08700")).isNull();
    assertThat(StackLevels.tcpipVersionOf("UN0ABCD")).isNull();
  }

  @Test
  void knowsTheMptsLevelEachTcpipLevelWasPublishedWith() {
    assertThat(StackLevels.minimumMptsFor("UN01000")).isEqualTo(8600);
    assertThat(StackLevels.minimumMptsFor("UN02101")).isEqualTo(8620);
    assertThat(StackLevels.minimumMptsFor("UN02200")).isEqualTo(8700);
    assertThat(StackLevels.minimumMptsFor("UN02205")).isEqualTo(8705);
    assertThat(StackLevels.mptsHas32BitStack("WR08510")).isFalse();
    assertThat(StackLevels.mptsHas32BitStack("WR08600")).isTrue();
    assertThat(StackLevels.mptsHas32BitStack("XR04000")).isNull();
  }

  @Test
  void writesAndComparesStackVersionsAsTheContractDoes() {
    assertThat(StackLevels.stackVersion("4.30")).isEqualTo("4.3");
    assertThat(StackLevels.stackVersion("4.00")).isEqualTo("4.0");
    assertThat(StackLevels.stackVersion("4.21")).isEqualTo("4.21");
    assertThat(StackLevels.stackVersion("4.32")).isEqualTo("4.32");
    assertThat(StackLevels.stackVersion("four")).isNull();
    assertThat(StackLevels.compare("4.3", "4.21")).isPositive();
    assertThat(StackLevels.compare("4.1", "4.21")).isNegative();
    assertThat(StackLevels.compare("4.31", "4.3")).isPositive();
    assertThat(StackLevels.compare("4.21", "4.21")).isZero();
  }
}
