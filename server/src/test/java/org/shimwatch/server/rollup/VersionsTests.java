package org.shimwatch.server.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTests {

  @Test
  void comparesDotSeparatedPartsNumerically() {
    List<String> versions = new ArrayList<>(List.of("0.10.0", "0.9.0", "0.2.0", "1.0", "0.2.0.1"));
    versions.sort(Versions.ORDER);
    assertThat(versions).containsExactly("0.2.0", "0.2.0.1", "0.9.0", "0.10.0", "1.0");
  }

  @Test
  void fallsBackToStringOrderForPartsThatAreNotNumbers() {
    assertThat(Versions.compare("2004-02", "2004-05")).isNegative();
    assertThat(Versions.compare("1.0-rc1", "1.0-rc2")).isNegative();
    assertThat(Versions.compare("1.02", "1.2")).isNotZero();
    assertThat(Versions.compare("1.2", "1.2")).isZero();
  }

  @Test
  void atLeastIsTheFixedInRule() {
    assertThat(Versions.atLeast("0.2.0", "0.2.0")).isTrue();
    assertThat(Versions.atLeast("0.10.0", "0.2.0")).isTrue();
    assertThat(Versions.atLeast("0.1.9", "0.2.0")).isFalse();
    assertThat(Versions.atLeast(null, "0.2.0")).isFalse();
  }
}
