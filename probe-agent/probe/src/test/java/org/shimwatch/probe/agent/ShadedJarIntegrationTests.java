package org.shimwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.TestEnv;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.consent.ConsentStore;
import org.shimwatch.probe.run.ShimLibraryCache;
import org.shimwatch.report.ReportValidator;
import tools.jackson.databind.JsonNode;

/**
 * The built {@code shimwatch.jar} as users get it (run by failsafe after the package phase): what
 * it puts on a host's class path, and the agent inside a host that has its own Jackson and JNA.
 */
class ShadedJarIntegrationTests {

  private static final Path JAR = Path.of(System.getProperty("shimwatch.jar"));

  private static final Path HOST_LIBS = Path.of(System.getProperty("shimwatch.hostLibs"));

  private static final Path HOST_SOURCE = Path.of(System.getProperty("shimwatch.hostSource"));

  /** The versions the host carries (see the pom's host-app-libs): others than the probe's. */
  private static final String HOST_JACKSON = System.getProperty("shimwatch.hostJackson");

  private static final String HOST_JNA = System.getProperty("shimwatch.hostJna");

  @TempDir Path tmp;

  @Test
  void theJarPutsNothingButItsOwnPackagesOnAHostsClassPath() throws IOException {
    List<String> foreign = new ArrayList<>();
    List<String> services = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.startsWith("META-INF/services/") && !name.endsWith("/")) {
          services.add(name.substring("META-INF/services/".length()));
        } else if (name.startsWith("META-INF/versions/")) {
          foreign.add(name);
        } else if (!name.startsWith("META-INF/")
            && !name.equals("org/")
            && !name.startsWith("org/shimwatch/")
            && !name.startsWith("linux-x86-64/")) {
          foreign.add(name);
        }
      }
      assertThat(jar.getEntry("org/shimwatch/shaded/jackson/databind/ObjectMapper.class"))
          .isNotNull();
      assertThat(jar.getEntry("org/shimwatch/shaded/jna/com/sun/jna/Native.class")).isNotNull();
      assertThat(jar.getEntry("linux-x86-64/libshimwatch.so")).isNotNull();
    }
    assertThat(foreign).as("entries outside org/shimwatch, META-INF and the shim").isEmpty();
    assertThat(services).isNotEmpty().allMatch(s -> s.startsWith("org.shimwatch."));
  }

  @Test
  void theAgentAndAHostWithItsOwnJacksonAndJnaBothWork() throws Exception {
    Path classes = compileHost();
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.in(tmp);
      new ConsentStore(tmp.resolve("state/consent.properties")).setLevel(ConsentLevel.METRICS);
      Path lib = new ShimLibraryCache(tmp.resolve("cache")).library();
      env.put("LD_PRELOAD", lib.toString());
      env.put("SHIMWATCH_SPOOL", tmp.resolve("spool").toString());
      String options =
          "server="
              + receiver.base()
              + ",key=swk_agent,client=hostapp,clientVersion=1.0,period=PT1H";
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-javaagent:" + JAR + "=" + options);
      cmd.add("-cp");
      cmd.add(classes + ":" + hostJars());
      cmd.add("org.shimwatch.hostapp.HostApp");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(p.exitValue()).as(output).isEqualTo(7);
      assertThat(output).doesNotContain("inactive").doesNotContain("Exception");
      // The host got its own libraries, at its own versions, and both work.
      assertThat(output)
          .containsPattern(
              "host jackson " + HOST_JACKSON + " from \\S*jackson-databind-" + HOST_JACKSON)
          .contains(" read ok");
      String pid = output.replaceAll("(?s).* pid (\\d+).*", "$1");
      assertThat(output)
          .containsPattern("host jna " + HOST_JNA + " from \\S*jna-" + HOST_JNA)
          .contains("getpid " + pid + " pid " + pid)
          .contains("agent jna isolated true")
          .contains("host ran");
      // The agent used its own: it read the preloaded shim's counters through its JNA and sent
      // a valid report with its Jackson and its validator.
      assertThat(receiver.reports()).as(output).hasSize(1);
      JsonNode r = receiver.reports().get(0);
      assertThat(ReportValidator.instance().validate(r)).isEmpty();
      assertThat(r.path("source").asString()).isEqualTo("javaagent");
      assertThat(r.at("/environment/client/name").asString()).isEqualTo("hostapp");
      assertThat(r.at("/environment/shim/installMode").asString()).isEqualTo("preload");
      assertThat(r.at("/metrics/calls/epoll_wait/count").asLong()).isGreaterThanOrEqualTo(10);
    }
  }

  private Path compileHost() throws IOException {
    Path out = tmp.resolve("host-classes");
    Files.createDirectories(out);
    List<String> sources;
    try (Stream<Path> s = Files.walk(HOST_SOURCE)) {
      sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", hostJars()));
    args.addAll(sources);
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    assertThat(status).as("compiling the host application: " + diagnostics).isZero();
    return out;
  }

  private static String hostJars() throws IOException {
    try (Stream<Path> s = Files.list(HOST_LIBS)) {
      return s.filter(p -> p.toString().endsWith(".jar"))
          .map(Path::toString)
          .sorted()
          .collect(Collectors.joining(":"));
    }
  }
}
