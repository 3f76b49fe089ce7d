package org.shimwatch.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Starts Java child processes with this test run's classpath. */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * {@code java [jvmArgs] -cp <test classpath> mainClass args}, environment replaced by {@code
   * env}.
   */
  public static ProcessBuilder builder(
      List<String> jvmArgs, String mainClass, List<String> args, Map<String, String> env) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb;
  }

  /** A jar holding only a manifest naming the agent class (found on the classpath). */
  public static Path agentJar(Path dir) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().putValue("Premain-Class", "org.shimwatch.probe.agent.ShimwatchAgent");
    Path jar = dir.resolve("agent.jar");
    Files.createDirectories(dir);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      // The manifest is all an agent jar needs when its class is on the classpath.
    }
    return jar;
  }
}
