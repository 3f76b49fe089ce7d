package org.shimwatch.probe.agent;

import java.lang.System.Logger.Level;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.probe.Shimwatch;
import org.shimwatch.report.Source;

/**
 * The {@code -javaagent:shimwatch.jar[=options]} entry point for JVM clients (options: {@link
 * AgentOptions}). It starts the embedded probe in the background and makes its final report at
 * shutdown. It does nothing at all without consent, and nothing it does can fail the host: a bad
 * option string is logged once and the agent stays inactive.
 */
public final class ShimwatchAgent {

  private static final System.Logger LOG = System.getLogger("org.shimwatch.probe");

  private ShimwatchAgent() {}

  /** Called by the JVM before {@code main}. */
  public static void premain(String args, Instrumentation instrumentation) {
    start(args);
  }

  /** Called when the agent is attached to a running JVM. */
  public static void agentmain(String args, Instrumentation instrumentation) {
    start(args);
  }

  static void start(String args) {
    try {
      AgentOptions o = AgentOptions.parse(args);
      String client = o.client() != null ? o.client() : mainName();
      Shimwatch.Builder b =
          Shimwatch.builder()
              .source(Source.JAVAAGENT)
              .client(client, o.clientVersion())
              .period(o.period());
      if (o.server() != null) {
        b.server(o.server());
      }
      if (o.key() != null) {
        b.ingestKey(o.key());
      }
      if (o.project() != null) {
        b.project(o.project());
      }
      if (o.state() != null) {
        b.stateDirectory(o.state());
      }
      Shimwatch probe = b.start();
      Runtime.getRuntime().addShutdownHook(new Thread(probe::close, "shimwatch-shutdown"));
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "shimwatch agent inactive: " + e.getMessage());
    }
  }

  /** The main class's simple name or the jar's file name, from {@code sun.java.command}. */
  static String mainName() {
    String cmd = System.getProperty("sun.java.command", "").strip();
    if (cmd.isEmpty()) {
      return "java";
    }
    String first = cmd.split("\\s+")[0];
    if (first.endsWith(".jar")) {
      String f = Scrubber.fileName(first);
      return f.substring(0, f.length() - 4);
    }
    int dot = first.lastIndexOf('.');
    return dot >= 0 ? first.substring(dot + 1) : Path.of(first).getFileName().toString();
  }
}
