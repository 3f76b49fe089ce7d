package org.shimwatch.probe.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.diagnostics.ArtefactInput;
import org.shimwatch.diagnostics.ArtefactInspector;
import org.shimwatch.report.Environment;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import tools.jackson.databind.JsonNode;

/**
 * The report the probe makes on OS/2, assembled from an OS/2 machine's files (the samples) by the
 * probe's own code: it passes contract v1, its environment says what the Java readers make of the
 * same files, the install strategy comes from which _SOCKET.PYD and SELECT.PYD were loaded, and
 * only POPUPLOG.OS2 entries newer than the last run's start that name the interpreter or the shim
 * are attached.
 */
class Os2ReportIntegrationTests {

  static final List<String> SAMPLES =
      List.of(
          "synthetic-syslevel-wrapped-titles.txt",
          "synthetic-ver-r.txt",
          "synthetic-inetver.txt",
          "synthetic-config-side-before.sys",
          "synthetic-popuplog-several-entries.txt");

  @TempDir Path dir;

  @Test
  void anOs2ReportPassesTheContractAndAgreesWithTheJavaReaders() throws Exception {
    ProbeHome home = new ProbeHome(PythonRuntime.python3(), dir.resolve("home"));
    List<Path> samples = new ArrayList<>();
    for (String name : SAMPLES) {
      samples.add(copy("/os2/" + name, dir.resolve(name)));
    }
    Path script = copy("/python/os2_report.py", dir.resolve("os2_report.py"));
    // Strategy 2 of the shim's readme: its modules in exp-dynload, which comes first on the path.
    Path lib = dir.resolve("PYTHON23/Lib");
    Path stock = Files.createDirectories(lib.resolve("lib-dynload"));
    Path side = Files.createDirectories(lib.resolve("exp-dynload"));
    for (String pyd : List.of("_SOCKET.PYD", "SELECT.PYD")) {
      Files.writeString(stock.resolve(pyd), "MZ... EMX socket layer: SO32DLL TCP32DLL");
      Files.writeString(side.resolve(pyd), "MZ... imports TCPIP32 (the 4.21+ stack's sockets)");
    }
    List<String> args = new ArrayList<>();
    args.add(script.toString());
    args.add(home.dir().toString());
    args.add(home.state().toString());
    args.add("2004-03-09T00:00:00");
    samples.forEach(s -> args.add(s.toString()));
    args.add(side.resolve("_SOCKET.PYD").toString());
    args.add(side.resolve("SELECT.PYD").toString());
    args.add(side.toString());
    args.add(stock.toString());

    ProbeHome.Ran ran = home.python(args.toArray(String[]::new));

    assertThat(ran.exit()).as(ran.err()).isZero();
    String[] lines = ran.out().split("\n");
    byte[] body = lines[0].getBytes(StandardCharsets.UTF_8);
    assertThat(ReportValidator.instance().validate(body)).as(lines[0]).isEmpty();
    JsonNode env = ReportJson.mapper().readTree(body).path("environment");
    List<ArtefactInput> inputs = new ArrayList<>();
    for (Path s : samples.subList(0, 4)) {
      inputs.add(new ArtefactInput(s.getFileName().toString(), Files.readAllBytes(s)));
    }
    Environment java = ArtefactInspector.inspectAll(inputs).combined().environment();
    assertThat(env.path("os").path("family").asString()).isEqualTo("os2");
    assertThat(env.path("os").path("name").asString()).isEqualTo(java.os().name());
    assertThat(env.path("os").path("version").asString()).isEqualTo(java.os().version());
    assertThat(env.path("os").path("revision").asString()).isEqualTo(java.os().revision());
    assertThat(env.path("stack").path("name").asString()).isEqualTo(java.stack().name());
    assertThat(env.path("stack").path("version").asString()).isEqualTo(java.stack().version());
    assertThat(env.path("stack").path("level").asString()).isEqualTo(java.stack().level());
    assertThat(components(env.path("stack").path("components")))
        .isEqualTo(javaComponents(java.stack().components()));
    List<String> fixes = new ArrayList<>();
    env.path("fixes")
        .forEach(f -> fixes.add(f.path("kind").asString() + " " + f.path("id").asString()));
    assertThat(fixes)
        .containsExactlyInAnyOrderElementsOf(
            java.fixes().stream().map(f -> f.kind() + " " + f.id()).toList());
    assertThat(env.path("shim").path("installMode").asString())
        .isEqualTo("side-dir-before-lib-dynload");

    JsonNode traps = ReportJson.mapper().readTree(body).path("traps");
    assertThat(traps.size()).as("the two entries after the last run's start").isEqualTo(2);
    assertThat(traps.get(0).path("time").asString()).isEqualTo("2004-03-09T08:15:47Z");
    assertThat(traps.get(1).path("module").asString()).isEqualTo("_SOCKET.PYD");
    assertThat(traps.get(1).path("frames").get(0).path("offset").asString()).isEqualTo("00001c30");
    assertThat(lines[1]).isEqualTo("SEEN 2004-03-10T19:02:11");
  }

  private static Map<String, String> components(JsonNode list) {
    Map<String, String> m = new TreeMap<>();
    list.forEach(
        c ->
            m.put(
                c.path("name").asString(),
                c.path("present").asBoolean() + " " + c.path("version").asString("-")));
    return m;
  }

  private static Map<String, String> javaComponents(List<Environment.Component> list) {
    Map<String, String> m = new TreeMap<>();
    for (Environment.Component c : list) {
      m.put(c.name(), c.present() + " " + (c.version() == null ? "-" : c.version()));
    }
    return m;
  }

  private static Path copy(String resource, Path to) throws IOException {
    try (InputStream in = Os2ReportIntegrationTests.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Files.write(to, in.readAllBytes());
    }
    return to;
  }
}
