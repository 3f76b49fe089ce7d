package org.shimwatch.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.shimwatch.diagnostics.os2.BldlevelOutput;
import org.shimwatch.diagnostics.os2.BuildLevel;
import org.shimwatch.diagnostics.os2.ConfigSys;
import org.shimwatch.diagnostics.os2.ExceptqReport;
import org.shimwatch.diagnostics.os2.PopupLog;
import org.shimwatch.diagnostics.os2.PopupLogEntry;
import org.shimwatch.diagnostics.os2.SyslevelEntry;
import org.shimwatch.diagnostics.os2.SyslevelListing;
import org.shimwatch.diagnostics.os2.TrapScreen;
import org.shimwatch.diagnostics.os2.VerOutput;
import org.shimwatch.report.Trap;

/**
 * The corpus of real OS/2 artefacts in {@code os2corpus/} (see its README for where each came
 * from): each artefact beside a {@code .expected} file, written by hand from reading the artefact,
 * that says which parts it holds and which fields a person reads in them.
 *
 * <p>The readers' results are flattened here into named fields ({@code trapNumber}, {@code
 * entry.1.pid}, {@code register.CS:EIP}, ...), so an expected file is a list of {@code
 * part.field=value} lines. Hex values are in the readers' documented form (lower case, objects 4
 * digits, offsets 8); ids from POPUPLOG.OS2 are written as the log writes them, in hex.
 */
final class Os2Corpus {

  static final String ROOT = "os2corpus";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One artefact and what it is expected to hold. */
  record Artefact(String name, byte[] bytes, Properties expected) {

    /** Whether the artefact counts as a real one with a known source (see the README). */
    boolean counted() {
      return !"false".equals(expected.getProperty("counted"));
    }

    int parts() {
      return Integer.parseInt(expected.getProperty("parts", "1"));
    }

    String kind(int part) {
      return expected.getProperty(part + ".kind");
    }

    boolean read(int part) {
      return !"false".equals(expected.getProperty(part + ".read"));
    }

    String lines(int part) {
      return expected.getProperty(part + ".lines");
    }

    /** The expected fields of a part, without the part prefix, in file order. */
    Map<String, String> fields(int part) {
      Map<String, String> out = new LinkedHashMap<>();
      String prefix = part + ".";
      for (String key : expected.stringPropertyNames().stream().sorted().toList()) {
        if (key.startsWith(prefix)) {
          String field = key.substring(prefix.length());
          if (!field.equals("kind") && !field.equals("read") && !field.equals("lines")) {
            out.put(field, expected.getProperty(key));
          }
        }
      }
      return out;
    }
  }

  private Os2Corpus() {}

  /** Every artefact of the corpus, by path under {@code os2corpus/}, sorted. */
  static List<Artefact> all() {
    Path root = root();
    List<Artefact> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String file = p.getFileName().toString();
        if (file.startsWith(".")
            || file.endsWith(".expected")
            || file.equals("README.md")
            || file.equals("score.properties")) {
          continue;
        }
        Path expectedFile =
            p.resolveSibling(file.substring(0, file.lastIndexOf('.')) + ".expected");
        if (!Files.exists(expectedFile)) {
          throw new IllegalStateException("no .expected file beside corpus artefact " + p);
        }
        Properties expected = new Properties();
        try (InputStream in = Files.newInputStream(expectedFile)) {
          expected.load(in);
        }
        out.add(new Artefact(root.relativize(p).toString(), Files.readAllBytes(p), expected));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The score the corpus test must not fall below. */
  static Properties recordedScore() {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(root().resolve("score.properties"))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static Path root() {
    URL url = Os2Corpus.class.getResource("/" + ROOT);
    if (url == null) {
      throw new IllegalStateException("the corpus is missing from the test class path: " + ROOT);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a reader understood of one part, as named fields. */
  static Map<String, String> fields(InspectedPart part) {
    Map<String, String> f = new LinkedHashMap<>();
    org.shimwatch.diagnostics.Artefact a = part.artefact();
    if (a instanceof TrapScreen t) {
      trap(f, "", t.trap());
      if (t.trap().module() != null) {
        // Only an "Exception in ..." line says whether a module or a device driver failed.
        put(f, "deviceDriver", String.valueOf(t.deviceDriver()));
      }
      put(f, "errorCode", t.errorCode());
      put(f, "codeAddress", t.codeAddress());
      put(f, "detectedAt", t.detectedAt());
      put(f, "detectedAtObjectOffset", t.detectedAtObjectOffset());
      put(f, "revision", t.trap().revision());
      put(f, "revisionDate", t.revisionDate());
      put(f, "codes", join(t.internalCodes()));
      put(f, "messages", join(t.messages()));
    } else if (a instanceof PopupLog log) {
      put(f, "entries", String.valueOf(log.entries().size()));
      int k = 1;
      for (PopupLogEntry e : log.entries()) {
        String p = "entry." + k++ + ".";
        put(f, p + "loggedAt", e.loggedAt() == null ? null : TIME.format(e.loggedAt()));
        put(f, p + "messageId", e.messageId());
        put(f, p + "slot", hex(e.slot()));
        Trap.Process process = e.trap().process();
        if (process != null) {
          put(f, p + "pid", hex(process.pid()));
          put(f, p + "tid", hex(process.tid()));
          put(f, p + "process", process.name());
        }
        put(f, p + "exceptionCode", e.trap().exceptionCode());
        put(f, p + "faultAddress", e.trap().faultAddress());
        if (e.parameters() != null) {
          e.parameters().forEach((name, value) -> put(f, p + name, value));
        }
        trap(f, p, e.trap());
      }
    } else if (a instanceof ExceptqReport r) {
      Trap t = r.trap();
      put(
          f,
          "created",
          t.time() == null ? null : TIME.format(t.time().atOffset(java.time.ZoneOffset.UTC)));
      put(f, "reportInfo", r.reportInfo());
      put(f, "osVersion", r.osVersion());
      put(f, "exceptqVersion", r.exceptqVersion());
      put(f, "exceptionCode", t.exceptionCode());
      put(f, "exceptionName", r.exceptionName());
      if (t.process() != null) {
        put(f, "process", t.process().name());
        put(f, "pid", t.process().pid() == null ? null : String.valueOf(t.process().pid()));
        put(f, "tid", t.process().tid() == null ? null : String.valueOf(t.process().tid()));
      }
      put(f, "slot", r.slot() == null ? null : String.valueOf(r.slot()));
      put(f, "faultAddress", t.faultAddress());
      put(f, "cause", r.cause());
      trap(f, "", t);
    } else if (a instanceof SyslevelListing l) {
      put(f, "entries", String.valueOf(l.entries().size()));
      int k = 1;
      for (SyslevelEntry e : l.entries()) {
        String p = "entry." + k++ + ".";
        put(f, p + "fileName", e.fileName());
        put(f, p + "title", e.title());
        put(f, p + "version", e.version());
        put(f, p + "componentId", e.componentId());
        put(f, p + "type", e.type());
        put(f, p + "currentCsd", e.currentCsd());
        put(f, p + "priorCsd", e.priorCsd());
      }
    } else if (a instanceof BldlevelOutput b) {
      put(f, "modules", String.valueOf(b.modules().size()));
      int k = 1;
      for (BuildLevel m : b.modules()) {
        String p = "module." + k++ + ".";
        put(f, p + "fileName", m.fileName());
        put(f, p + "vendor", m.vendor());
        put(f, p + "version", m.version());
        put(f, p + "date", m.date());
        put(f, p + "description", m.description());
        put(f, p + "fileVersion", m.fileVersion());
        put(f, p + "buildMachine", m.buildMachine());
        put(f, p + "asdFeatureId", m.asdFeatureId());
        put(f, p + "languageCode", m.languageCode());
        put(f, p + "countryCode", m.countryCode());
        put(f, p + "fixpakVersion", m.fixpakVersion());
      }
    } else if (a instanceof VerOutput v) {
      put(f, "version", v.version());
      put(f, "revision", v.revision());
    } else if (a instanceof ConfigSys c) {
      put(f, "drivers", String.join(",", c.drivers()));
      put(f, "fileSystems", String.join(",", c.fileSystems()));
      put(f, "protshell", c.protshell());
      put(f, "setVariables", String.join(",", c.setVariables()));
      put(f, "libpathEntries", c.libpath() == null ? null : String.valueOf(c.libpath().size()));
      put(
          f,
          "mptnDllOnLibpath",
          c.mptnDllOnLibpath() == null ? null : String.valueOf(c.mptnDllOnLibpath()));
      put(f, "suppressPopups", c.suppressPopups());
      put(
          f,
          "socketsSysOptions",
          c.socketsSysOptions() == null ? null : String.join(" ", c.socketsSysOptions()));
    }
    return f;
  }

  private static void trap(Map<String, String> f, String prefix, Trap t) {
    put(f, prefix + "trapNumber", t.trapNumber());
    put(f, prefix + "module", t.module());
    if (t.object() != null) {
      put(f, prefix + "objectOffset", t.object() + ":" + t.offset());
    }
    if (prefix.isEmpty()) {
      put(f, "faultAddress", t.faultAddress());
    }
    if (t.registers() != null) {
      t.registers().forEach((name, value) -> put(f, prefix + "register." + name, value));
    }
  }

  private static String hex(Long value) {
    return value == null ? null : "0x" + Long.toHexString(value);
  }

  private static String join(List<String> values) {
    return values == null || values.isEmpty() ? null : String.join(" | ", values);
  }

  private static void put(Map<String, String> f, String key, String value) {
    if (value != null && !value.isEmpty()) {
      f.put(key, value);
    }
  }
}
