package org.shimwatch.probe.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** {@link SystemIdentity} from {@code /proc} and Java's properties, for when JNA is unavailable. */
public final class ProcSystemIdentity implements SystemIdentity {

  @Override
  public Optional<Uname> uname() {
    String release = read("/proc/sys/kernel/osrelease");
    if (release == null) {
      return Optional.empty();
    }
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String machine =
        switch (arch) {
          case "amd64" -> "x86_64";
          case "x86" -> "i686";
          default -> arch;
        };
    return Optional.of(
        new Uname(
            System.getProperty("os.name", "Linux"),
            read("/proc/sys/kernel/hostname"),
            release,
            machine.isEmpty() ? null : machine));
  }

  @Override
  public Optional<String> libcVersion() {
    return Optional.empty();
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
