package org.shimwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shimwatch.testing.MissingPart;

/**
 * Terminal detection on the JDK the build runs on (17) and on a JDK 22+ (the Temurin 25 on this
 * machine), where {@code System.console()} is not null even when output is redirected: a child JVM
 * with its output redirected must say "not a terminal", and the same child under a pseudo-terminal
 * ({@code script}) must say "terminal".
 */
class TerminalIntegrationTests {

  /** The newer JDK, overridable with -Dshimwatch.test.jdk22plus=/path/to/jdk. */
  private static final String NEWER_JDK =
      System.getProperty("shimwatch.test.jdk22plus", "/usr/lib/jvm/temurin-25-jdk-amd64");

  @ParameterizedTest
  @ValueSource(strings = {"build", "newer"})
  void redirectedOutputIsNotATerminal(String jdk) throws Exception {
    assertThat(run(java(jdk), false)).isEqualTo("terminal=false");
  }

  @ParameterizedTest
  @ValueSource(strings = {"build", "newer"})
  void aPseudoTerminalIsATerminal(String jdk) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
      MissingPart.skipOrFail(
          "this test needs script(1) for a pseudo-terminal (Debian package bsdutils)");
    }
    assertThat(run(java(jdk), true)).isEqualTo("terminal=true");
  }

  private static Path java(String jdk) {
    if (jdk.equals("build")) {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }
    Path java = Path.of(NEWER_JDK, "bin", "java");
    if (!Files.isExecutable(java)) {
      MissingPart.skipOrFail(
          "this test needs a JDK 22 or newer at "
              + NEWER_JDK
              + " (set -Dshimwatch.test.jdk22plus=DIR)");
    }
    return java;
  }

  private static String run(Path java, boolean underPseudoTerminal)
      throws IOException, InterruptedException {
    List<String> child =
        List.of(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            TerminalCheck.class.getName());
    List<String> cmd = new ArrayList<>();
    if (underPseudoTerminal) {
      // script runs the child with stdin and stdout on a new pseudo-terminal and copies what it
      // prints to its own (redirected) stdout.
      cmd.addAll(List.of("/usr/bin/script", "-qec", shellQuoted(child), "/dev/null"));
    } else {
      cmd.addAll(child);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().filter(l -> l.startsWith("terminal=")).findFirst().orElse(out).strip();
  }

  private static String shellQuoted(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      b.append(b.length() == 0 ? "" : " ")
          .append('\'')
          .append(w.replace("'", "'\\''"))
          .append('\'');
    }
    return b.toString();
  }
}
