package org.shimwatch.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The artefact samples the tests read: the three real ones from {@code shared/fixtures/os2}, copied
 * byte for byte, and synthetic ones built for the variants no public sample shows (their names
 * start with {@code synthetic-}).
 */
public final class Samples {

  /** Real artefacts, as published (sources in {@code os2/README.md}). */
  public static final List<String> REAL =
      List.of(
          "os2/syslevel-fpk.txt",
          "os2/popuplog-redbook.txt",
          "os2/trap-screen-warp452.txt",
          "os2/python-banner-emx22.txt");

  /** Synthetic artefacts, one per format variant the parsers must read. */
  public static final List<String> SYNTHETIC =
      List.of(
          "os2/synthetic-exceptq-python-tcpip32.trp",
          "os2/synthetic-trap-screen-device-driver.txt",
          "os2/synthetic-trap-screen-no-registers.txt",
          "os2/synthetic-popuplog-several-entries.txt",
          "os2/synthetic-syslevel-wrapped-titles.txt",
          "os2/synthetic-config-side-before.sys",
          "os2/synthetic-config-side-after.sys",
          "os2/synthetic-config-replace.sys",
          "os2/synthetic-config-16bit-stack.sys",
          "os2/synthetic-bittorrent.cmd",
          "os2/synthetic-ver-r.txt",
          "os2/synthetic-inetver.txt",
          "os2/synthetic-bldlevel-tcpip32.txt",
          "os2/synthetic-dir-exp-dynload.txt",
          "os2/synthetic-dir-lib-dynload.txt",
          "os2/synthetic-dir-lib-dynload-stock.txt",
          "os2/synthetic-bldlevel-python-stock.txt",
          "os2/synthetic-pasted-mix.txt",
          "diagnostics/jvm/synthetic-hs_err_pid4242.log",
          "diagnostics/jvm/synthetic-hs_err_pid777-windows.log");

  private Samples() {}

  /** Every sample, real first. */
  public static List<String> all() {
    List<String> out = new ArrayList<>(REAL);
    out.addAll(SYNTHETIC);
    return out;
  }

  /** The bytes of a sample, e.g. {@code os2/syslevel-fpk.txt}. */
  public static byte[] bytes(String resource) {
    try (InputStream in = Samples.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("sample missing from the test classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a sample (all samples are ASCII). */
  public static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.ISO_8859_1);
  }

  /** The file name of a sample, without its directory. */
  public static String name(String resource) {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }
}
