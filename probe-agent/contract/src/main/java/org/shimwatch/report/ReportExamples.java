package org.shimwatch.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The example documents shipped with contract v1: one per situation the contract must carry. The
 * server serves them in its API description; the tests check that each stays valid.
 */
public final class ReportExamples {

  /** Example names, each a file {@code examples/NAME.json} beside the schema. */
  public static final List<String> NAMES =
      List.of(
          "linux-aria2c-works",
          "os2-bittorrent-trap-tcpip32",
          "select-problem-histograms",
          "level1-environment-only",
          "self-tests",
          "manual-os2-pasted",
          "javaagent-periodic");

  private ReportExamples() {}

  /** The text of example {@code name}. */
  public static String text(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("no example named '" + name + "'; known: " + NAMES);
    }
    String resource = "/org/shimwatch/report/examples/" + name + ".json";
    try (InputStream in = ReportExamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("example missing from the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
