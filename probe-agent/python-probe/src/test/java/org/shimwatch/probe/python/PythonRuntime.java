package org.shimwatch.probe.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.shimwatch.testing.MissingPart;

/**
 * An interpreter the probe runs on in these tests, as its own process: python3 from the PATH, or
 * Jython 2.7 ({@code java -jar jython-standalone.jar}), a real Python 2 runtime.
 *
 * @param name what the runtime is, for messages
 * @param command the command that starts it, before the script's path
 */
record PythonRuntime(String name, List<String> command) {

  /** python3, or the test is skipped (failed under CI=true) when there is none. */
  static PythonRuntime python3() {
    String exe = System.getProperty("shimwatch.test.python3", "python3");
    try {
      Process p = new ProcessBuilder(exe, "--version").redirectErrorStream(true).start();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return new PythonRuntime("python3", List.of(exe));
      }
      p.destroyForcibly();
    } catch (IOException e) {
      // Falls through to the skip.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    MissingPart.skipOrFail("python3 is not on the PATH (Debian: apt-get install python3)");
    throw new IllegalStateException("unreachable");
  }

  /** Jython from the jar the build copied from Maven Central, run by this JVM's java. */
  static PythonRuntime jython() {
    String jar = System.getProperty("shimwatch.test.jython");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      MissingPart.skipOrFail(
          "jython-standalone.jar is not at "
              + jar
              + " (the build copies org.python:jython-standalone there; run the tests with Maven)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    // Jython compiles modules to class files beside them and keeps a package cache; neither is
    // needed for one run of one script.
    command.add("-Dpython.cachedir.skip=true");
    command.add("-Dpython.import.site=false");
    command.add("-Xss4m");
    command.add("-jar");
    command.add(jar);
    return new PythonRuntime("Jython 2.7", List.copyOf(command));
  }
}
