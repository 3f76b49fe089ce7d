package org.shimwatch.probe.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactInspector;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.InspectedPart;
import org.shimwatch.diagnostics.os2.BldlevelOutput;
import org.shimwatch.diagnostics.os2.ComponentVersion;
import org.shimwatch.diagnostics.os2.ConfigSys;
import org.shimwatch.diagnostics.os2.InetverOutput;
import org.shimwatch.diagnostics.os2.PopupLog;
import org.shimwatch.diagnostics.os2.PopupLogEntry;
import org.shimwatch.diagnostics.os2.SyslevelBytes;
import org.shimwatch.diagnostics.os2.SyslevelEntry;
import org.shimwatch.diagnostics.os2.SyslevelFile;
import org.shimwatch.diagnostics.os2.SyslevelListing;
import org.shimwatch.diagnostics.os2.TrapScreen;
import org.shimwatch.diagnostics.os2.VerOutput;
import org.shimwatch.probe.python.ProbeHome.Ran;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Python probe's OS/2 readers give the Java readers' answers on the same files: every OS/2
 * sample (the shared fixtures and the contract's test set) and binary SYSLEVEL files made here,
 * read by {@code shimwatch_probe.py inspect --json} and by {@link ArtefactInspector}, compared part
 * by part on every field both sides read.
 */
class Os2ReadersCrossCheckIntegrationTests {

  /** The kinds both sides read; parts of other kinds (EXCEPTQ, listings) are Java's. */
  static final Set<ArtefactKind> READ_BY_BOTH =
      Set.of(
          ArtefactKind.SYSLEVEL_FILE,
          ArtefactKind.SYSLEVEL_OUTPUT,
          ArtefactKind.POPUPLOG,
          ArtefactKind.TRAP_SCREEN,
          ArtefactKind.VER_OUTPUT,
          ArtefactKind.INETVER_OUTPUT,
          ArtefactKind.BLDLEVEL_OUTPUT,
          ArtefactKind.CONFIG_SYS);

  static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  static final JsonMapper MAPPER = ReportJson.mapper();

  @TempDir Path dir;

  @Test
  void everyOs2SampleAndSyslevelFileReadsTheSameInPythonAsInJava() throws Exception {
    List<Path> files = new ArrayList<>(contractSamples());
    String shared = System.getProperty("shimwatch.test.sharedFixtures");
    if (shared != null && Files.isDirectory(Path.of(shared))) {
      files.addAll(samplesIn(Path.of(shared)));
    }
    files.addAll(binarySyslevelFiles());
    assertThat(files).hasSizeGreaterThan(25);
    ProbeHome home = new ProbeHome(PythonRuntime.python3(), dir.resolve("home"));
    List<String> args = new ArrayList<>(List.of("inspect", "--json"));
    files.forEach(f -> args.add(f.toString()));

    Ran ran = home.probe(args.toArray(String[]::new));

    assertThat(ran.err()).isEmpty();
    JsonNode python = MAPPER.readTree(ran.out());
    assertThat(python.size()).isEqualTo(files.size());
    int compared = 0;
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      List<JsonNode> expected = new ArrayList<>();
      for (InspectedPart p :
          ArtefactInspector.inspect(f.getFileName().toString(), Files.readAllBytes(f)).parts()) {
        if (READ_BY_BOTH.contains(p.kind())) {
          expected.add(javaPart(p));
        }
      }
      List<JsonNode> actual = new ArrayList<>();
      for (JsonNode p : python.get(i).path("parts")) {
        if (READ_BY_BOTH.stream().anyMatch(k -> wire(k).equals(p.path("kind").asString()))) {
          actual.add(pythonPart(p));
        }
      }
      assertThat(actual).as(f.getFileName().toString()).isEqualTo(expected);
      compared += expected.size();
    }
    // Every kind both read was met at least once, so no reader went unchecked.
    assertThat(compared).isGreaterThan(25);
    System.out.printf("samples: %d files, %d parts compared%n", files.size(), compared);
  }

  /**
   * The real corpus ({@code os2corpus/} in the contract's tests, sources in its README) read by the
   * Python probe on python3 and on Jython gives the Java readers' answers, part by part, for every
   * kind both read: the corpus's variants (quoted replies, wrapped lines, 16-bit screens, LAN
   * Manager CONFIG.SYS files, trap screens' own messages, BLDLEVEL with and without a banner and
   * with an extended or wrapped signature) are read alike on both sides.
   */
  @Test
  void theRealCorpusReadsTheSameInPythonAsInJavaOnPython3AndJython() throws Exception {
    List<Path> files = corpusFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(45);
    List<String> labels =
        files.stream().map(f -> f.getParent().getFileName() + "/" + f.getFileName()).toList();
    for (PythonRuntime runtime : List.of(PythonRuntime.python3(), PythonRuntime.jython())) {
      Comparison c = compare(runtime, files, labels, "corpus-home");
      assertThat(c.differ())
          .as("corpus files " + runtime.name() + " reads otherwise than Java")
          .isEmpty();
      assertThat(c.compared()).isGreaterThan(30);
      // Every BLDLEVEL sample and every trap screen of the corpus was read and compared, so the
      // comparisons above cannot pass on two empty answers.
      assertThat(c.read().getOrDefault(wire(ArtefactKind.BLDLEVEL_OUTPUT), 0))
          .isEqualTo(countIn(files, "bldlevel"));
      assertThat(c.read().getOrDefault(wire(ArtefactKind.TRAP_SCREEN), 0))
          .isGreaterThanOrEqualTo(countIn(files, "trap-screen"));
      System.out.printf(
          "%s: %d corpus files, %d parts compared (read: %s), %d fields%n",
          runtime.name(), files.size(), c.compared(), c.read(), c.fields());
    }
  }

  /**
   * Rounds of changes each corpus file gets in {@link
   * #theChangedCorpusReadsTheSameInPythonAsInJavaOnPython3AndJython}.
   */
  static final int CHANGED_ROUNDS = Integer.getInteger("os2corpus.rounds", 20);

  /**
   * The corpus changed the way artefacts get changed on their way to us (the changes of the
   * contract's corpus mutation tests: other line ends, a mail client wrapping long lines, the end
   * cut off, blank lines and trailing blanks added, quoted in a reply, no-break spaces of a page
   * copied from a browser, other code pages) still reads the same in Python as in Java, part by
   * part: neither side fails on a changed artefact, and whatever the change loses is lost alike. A
   * fixed seed, printed, so that a failure replays ({@code -Dos2corpus.seed=N}; {@code
   * -Dos2corpus.rounds=N} changes each file N times).
   */
  @Test
  void theChangedCorpusReadsTheSameInPythonAsInJavaOnPython3AndJython() throws Exception {
    long seed = Long.getLong("os2corpus.seed", 20261206L);
    Random random = new Random(seed);
    List<Path> changed = new ArrayList<>();
    List<String> how = new ArrayList<>();
    for (Path f : corpusFiles()) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (int round = 0; round < CHANGED_ROUNDS; round++) {
        String mutated = text;
        List<String> applied = new ArrayList<>();
        for (int c = 1 + random.nextInt(3); c > 0; c--) {
          int which = random.nextInt(CHANGES.size());
          mutated = change(which, mutated, random);
          applied.add(CHANGES.get(which));
        }
        Path d = Files.createDirectories(dir.resolve("changed").resolve(Integer.toString(round)));
        Path target = d.resolve(f.getParent().getFileName() + "-" + f.getFileName());
        // The code page it reaches us in, with a line in that code page's letters and box
        // characters after it, as a German OS/2 system would add.
        // A no-break space stays one only in the first three; IBM850 and IBM437 make it the
        // letter y with diaeresis in our reading, glued to the words around it, and Java 17 and
        // python3 take that letter for part of a word where Python 2 does not (left as it is).
        Charset codePage =
            CODE_PAGES.get(random.nextInt(applied.contains("nbsp") ? 3 : CODE_PAGES.size()));
        String extra =
            random.nextBoolean()
                ? "\n\nGer\u00e4t nicht bereit \u2550\u2550 \u00dcberpr\u00fcfen\n"
                : "";
        Files.write(target, (mutated + extra).getBytes(codePage));
        changed.add(target);
        how.add(
            f.getParent().getFileName() + "/" + f.getFileName() + " " + applied + " " + codePage);
      }
    }
    for (PythonRuntime runtime : List.of(PythonRuntime.python3(), PythonRuntime.jython())) {
      Comparison c = compare(runtime, changed, how, "changed-home");
      System.out.printf(
          "%s, changed corpus (seed %d): %d changed files, %d parts compared (read: %s),"
              + " %d fields, %d differ%n",
          runtime.name(),
          seed,
          changed.size(),
          c.compared(),
          c.read(),
          c.fields(),
          c.differ().size());
      assertThat(c.differ())
          .as(
              "changed corpus files "
                  + runtime.name()
                  + " reads otherwise than Java (seed "
                  + seed
                  + ")")
          .isEmpty();
      assertThat(c.compared()).isGreaterThan(changed.size() / 2);
    }
  }

  /**
   * What the Python probe on {@code runtime} and the Java readers read in these files, compared.
   *
   * @param compared parts compared
   * @param fields the values in them (each string, number and boolean, however deep)
   * @param read parts Java read, by kind
   * @param differ the files read otherwise, with both answers
   */
  record Comparison(int compared, int fields, Map<String, Integer> read, List<String> differ) {}

  private Comparison compare(
      PythonRuntime runtime, List<Path> files, List<String> labels, String homeName)
      throws Exception {
    ProbeHome home =
        new ProbeHome(runtime, dir.resolve(homeName + "-" + runtime.name().replaceAll("\\W", "")));
    List<String> args = new ArrayList<>(List.of("inspect", "--json"));
    files.forEach(f -> args.add(f.toString()));
    Ran ran = home.probe(args.toArray(String[]::new));
    assertThat(ran.err()).as(runtime.name()).isEmpty();
    JsonNode python = MAPPER.readTree(ran.out());
    assertThat(python.size()).isEqualTo(files.size());
    int compared = 0;
    int fields = 0;
    Map<String, Integer> read = new TreeMap<>();
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      List<JsonNode> expected = new ArrayList<>();
      for (InspectedPart p :
          ArtefactInspector.inspect(f.getFileName().toString(), Files.readAllBytes(f)).parts()) {
        if (READ_BY_BOTH.contains(p.kind())) {
          JsonNode part = javaPart(p);
          expected.add(part);
          fields += leaves(part);
          if (p.artefact() != null) {
            read.merge(wire(p.kind()), 1, Integer::sum);
          }
        }
      }
      List<JsonNode> actual = new ArrayList<>();
      for (JsonNode p : python.get(i).path("parts")) {
        if (READ_BY_BOTH.stream().anyMatch(k -> wire(k).equals(p.path("kind").asString()))) {
          actual.add(pythonPart(p));
        }
      }
      if (!actual.equals(expected)) {
        differ.add(labels.get(i) + "\n  python " + actual + "\n  java   " + expected);
      }
      compared += expected.size();
    }
    return new Comparison(compared, fields, read, differ);
  }

  static final List<Charset> CODE_PAGES =
      List.of(
          StandardCharsets.ISO_8859_1,
          StandardCharsets.UTF_8,
          Charset.forName("windows-1252"),
          Charset.forName("IBM850"),
          Charset.forName("IBM437"));

  static final List<String> CHANGES =
      List.of("crlf", "cr", "wrapped", "truncated", "blank-lines", "quoted", "nbsp");

  private static String change(int which, String text, Random r) {
    List<String> lines = Arrays.asList(text.split("\r\n|\r|\n", -1));
    StringBuilder out = new StringBuilder();
    switch (which) {
      case 0:
        return String.join("\r\n", lines);
      case 1:
        return String.join("\r", lines);
      case 2:
        // A mail client wraps lines longer than its width at a blank.
        int width = 30 + r.nextInt(50);
        for (String line : lines) {
          String rest = line;
          int cut;
          while (rest.length() > width && (cut = rest.lastIndexOf(' ', width)) > 0) {
            out.append(rest, 0, cut).append('\n');
            rest = rest.substring(cut + 1);
          }
          out.append(rest).append('\n');
        }
        return out.toString();
      case 3:
        return String.join("\n", lines.subList(0, 1 + r.nextInt(lines.size()))) + "\n";
      case 4:
        for (String line : lines) {
          if (r.nextInt(4) == 0) {
            out.append("\n");
          }
          out.append(line).append(" ".repeat(r.nextInt(3))).append('\n');
        }
        return out.toString();
      case 6:
        // A page copied from a browser: some blanks are no-break spaces.
        StringBuilder b = new StringBuilder();
        for (char ch : text.toCharArray()) {
          b.append(ch == ' ' && r.nextInt(4) == 0 ? '\u00a0' : ch);
        }
        return b.toString();
      default:
        String prefix = "> ".repeat(1 + r.nextInt(2));
        for (String line : lines) {
          out.append(line.isEmpty() ? prefix.strip() : prefix + line).append('\n');
        }
        return out.toString();
    }
  }

  /** How many of the corpus files lie in the folder of that name. */
  private static int countIn(List<Path> files, String folder) {
    return (int)
        files.stream().filter(f -> f.getParent().getFileName().toString().equals(folder)).count();
  }

  /** The values a part holds (each string, number and boolean, however deep), each one compared. */
  private static int leaves(JsonNode node) {
    if (node.isContainer()) {
      int n = 0;
      for (JsonNode child : node) {
        n += leaves(child);
      }
      return n;
    }
    return 1;
  }

  /** The corpus's artefacts (not their .expected files), copied out of the contract's test jar. */
  private List<Path> corpusFiles() throws IOException {
    URL url = Os2ReadersCrossCheckIntegrationTests.class.getResource("/os2corpus/score.properties");
    assertThat(url).as("the contract's test jar with os2corpus/ on the class path").isNotNull();
    URI uri = URI.create(url.toString().replace("score.properties", ""));
    Path copy = Files.createDirectories(dir.resolve("os2corpus"));
    if (uri.getScheme().equals("jar")) {
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        copyTree(jar.getPath("/os2corpus"), copy);
      }
    } else {
      copyTree(Path.of(uri), copy);
    }
    try (Stream<Path> s = Files.walk(copy)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().endsWith(".expected"))
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .filter(p -> !p.getFileName().toString().equals("score.properties"))
          .sorted()
          .toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.write(target, Files.readAllBytes(p));
      }
    }
  }

  /** The Java reader's answer, in the field names and shapes the Python inspect prints. */
  static JsonNode javaPart(InspectedPart part) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", wire(part.kind()));
    Artefact a = part.artefact();
    if (a == null) {
      m.put("problem", true);
    } else if (a instanceof SyslevelFile s) {
      m.put("entry", entry(s.entry()));
    } else if (a instanceof SyslevelListing l) {
      m.put(
          "entries",
          l.entries().stream().map(Os2ReadersCrossCheckIntegrationTests::entry).toList());
    } else if (a instanceof VerOutput v) {
      putIf(m, "version", v.version());
      putIf(m, "revision", v.revision());
    } else if (a instanceof InetverOutput v) {
      putIf(m, "inetVersion", v.inetVersion());
      List<Map<String, String>> components = new ArrayList<>();
      for (ComponentVersion c : v.components()) {
        components.add(Map.of("name", c.name(), "version", c.version()));
      }
      m.put("components", components);
    } else if (a instanceof PopupLog log) {
      List<Map<String, Object>> entries = new ArrayList<>();
      for (PopupLogEntry e : log.entries()) {
        Map<String, Object> x = new LinkedHashMap<>();
        putIf(x, "messageId", e.messageId());
        putIf(x, "loggedAt", e.loggedAt() == null ? null : SECONDS.format(e.loggedAt()));
        putIf(x, "slot", e.slot());
        putIf(x, "parameters", e.parameters());
        x.put("hasModuleLine", e.hasModuleLine());
        x.put("trap", MAPPER.valueToTree(e.trap()));
        entries.add(x);
      }
      m.put("entries", entries);
    } else if (a instanceof TrapScreen t) {
      m.put("trap", MAPPER.valueToTree(t.trap()));
      m.put("deviceDriver", t.deviceDriver());
      putIf(m, "detectedAt", t.detectedAt());
      putIf(m, "detectedAtObjectOffset", t.detectedAtObjectOffset());
      m.put("internalCodes", t.internalCodes());
      putIf(m, "errorCode", t.errorCode());
      putIf(m, "codeAddress", t.codeAddress());
      putIf(m, "revisionDate", t.revisionDate());
      m.put("messages", t.messages());
    } else if (a instanceof BldlevelOutput b) {
      // Every field of every module; the raw text is kept by Java alone.
      m.put("modules", MAPPER.valueToTree(b.modules()));
    } else if (a instanceof ConfigSys c) {
      m.put("drivers", c.drivers());
      putIf(m, "socketsSysOptions", c.socketsSysOptions());
      putIf(m, "suppressPopups", c.suppressPopups());
      putIf(m, "libpath", c.libpath());
      putIf(m, "mptnDllOnLibpath", c.mptnDllOnLibpath());
      putIf(m, "pythonPath", c.pythonPath());
      m.put("pythonHomeSet", c.pythonHomeSet());
      m.put("fileSystems", c.fileSystems());
      putIf(m, "protshell", c.protshell());
      m.put("setVariables", c.setVariables());
    } else {
      throw new AssertionError("no comparison for " + a.getClass());
    }
    return normalized(m);
  }

  /** A Python part as compared: a part it could not read counts as a problem, without words. */
  static JsonNode pythonPart(JsonNode p) {
    if (p.has("problem")) {
      return normalized(Map.of("kind", p.path("kind").asString(), "problem", true));
    }
    return normalized(p);
  }

  private static Map<String, Object> entry(SyslevelEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("product", e.product().name());
    putIf(m, "fileName", e.fileName());
    putIf(m, "title", e.title());
    putIf(m, "version", e.version());
    putIf(m, "componentId", e.componentId());
    putIf(m, "type", e.type());
    putIf(m, "currentCsd", e.currentCsd());
    putIf(m, "priorCsd", e.priorCsd());
    return m;
  }

  private static void putIf(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /** Through text and back, so that numbers and key order compare alike on both sides. */
  private static JsonNode normalized(Object value) {
    return MAPPER.readTree(MAPPER.writeValueAsString(value));
  }

  private static String wire(ArtefactKind k) {
    return MAPPER.valueToTree(k).asString();
  }

  /** The contract's OS/2 samples, from its test jar (or its test-classes folder). */
  private List<Path> contractSamples() throws IOException {
    URL url = Os2ReadersCrossCheckIntegrationTests.class.getResource("/os2/popuplog-redbook.txt");
    assertThat(url).as("the contract's test jar with os2/ on the class path").isNotNull();
    URI uri = URI.create(url.toString().replace("popuplog-redbook.txt", ""));
    Path copy = Files.createDirectories(dir.resolve("contract-os2"));
    if (uri.getScheme().equals("jar")) {
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        copyAll(jar.getPath("/os2"), copy);
      }
    } else {
      copyAll(Path.of(uri), copy);
    }
    return samplesIn(copy);
  }

  private static void copyAll(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        Files.write(to.resolve(p.getFileName().toString()), Files.readAllBytes(p));
      }
    }
  }

  private static List<Path> samplesIn(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .sorted()
          .toList();
    }
  }

  /** Binary SYSLEVEL files as real ones vary: moved table, refresh level, type at + 0x72, lists. */
  private List<Path> binarySyslevelFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(write("tcp", "SYSLEVEL.TCP", SyslevelBytes.tcp43()));
    out.add(
        write(
            "os2",
            "SYSLEVEL.OS2",
            SyslevelBytes.tcp43()
                .version(0x45, 0)
                .csd("XR0M015", "XR04500")
                .title("IBM OS/2 Base Operating System")
                .componentId("5639A6100")
                .tableOffset(0x40)
                .refresh(2)));
    out.add(
        write(
            "fpk",
            "SYSLEVEL.FPK",
            SyslevelBytes.tcp43()
                .version(0x10, 0)
                .csd("XR0M006", "XR0M006")
                .title("OS/2 Warp 4 Service Level")
                .componentId("566933010")
                .type("Fixpak")
                .typeAtFallback()));
    out.add(
        write(
            "mpt",
            "SYSLEVEL.MPT",
            SyslevelBytes.tcp43()
                .version(0x60, 0)
                .csd("WR08700", "WR08620")
                .title("IBM OS/2 LAN Adapter and Protocol Support")
                .componentId("562289001")
                .trailing(60)));
    out.add(
        write(
            "ecs",
            "SYSLEVEL.ECS",
            SyslevelBytes.tcp43().version(0x12, 0).csd("XRGC004", "XRGC003").title("eComStation")));
    byte[] truncated = SyslevelBytes.tcp43().build();
    out.add(writeBytes("truncated", "SYSLEVEL.TCP", java.util.Arrays.copyOf(truncated, 0x60)));
    byte[] control = SyslevelBytes.tcp43().build();
    control[0x25 + 8] = 0x07;
    out.add(writeBytes("control", "SYSLEVEL.TCP", control));
    return out;
  }

  private Path write(String folder, String name, SyslevelBytes s) throws IOException {
    return writeBytes(folder, name, s.build());
  }

  private Path writeBytes(String folder, String name, byte[] b) throws IOException {
    Path f = Files.createDirectories(dir.resolve("syslevel").resolve(folder)).resolve(name);
    Files.write(f, b);
    return f;
  }
}
