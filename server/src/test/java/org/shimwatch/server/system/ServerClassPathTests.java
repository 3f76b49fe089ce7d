package org.shimwatch.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.shimwatch.report.ReportValidator;

/**
 * The server carries the report contract and nothing of the probe's runtime: no JNA, no native
 * library, no CLI (the probe's classes are on the test class path alone, for the end-to-end
 * scenarios, without their dependencies).
 */
class ServerClassPathTests {

  @Test
  void theContractIsHereAndTheProbesRuntimeIsNot() {
    assertThat(ReportValidator.instance()).isNotNull();
    for (String absent :
        new String[] {
          "com.sun.jna.Native", "org.shimwatch.shim.NativeShim", "picocli.CommandLine"
        }) {
      assertThatThrownBy(() -> Class.forName(absent)).isInstanceOf(ClassNotFoundException.class);
    }
    assertThat(getClass().getResource("/linux-x86-64/libshimwatch.so")).isNull();
    assertThat(getClass().getResource("/org/shimwatch/shaded/jna/com/sun/jna/Native.class"))
        .isNull();
  }
}
