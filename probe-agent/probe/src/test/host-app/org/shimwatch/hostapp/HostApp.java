package org.shimwatch.hostapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.channels.Selector;
import java.util.Map;

/**
 * Someone else's JVM application, for ShadedJarIntegrationTests: it carries its own Jackson 2 and
 * its own JNA, of other versions than the probe bundles, and uses both while shimwatch.jar runs
 * inside it as a -javaagent. Compiled by the test against those libraries only.
 */
public final class HostApp {

  public interface CLibrary extends Library {
    int getpid();
  }

  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(Map.of("host", "ok"));
    Map<?, ?> back = mapper.readValue(json, Map.class);
    System.out.println(
        "host jackson "
            + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION
            + " from "
            + ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation()
            + " read "
            + back.get("host"));

    CLibrary libc = Native.load("c", CLibrary.class);
    System.out.println(
        "host jna "
            + Native.VERSION
            + " from "
            + Native.class.getProtectionDomain().getCodeSource().getLocation()
            + " getpid "
            + libc.getpid()
            + " pid "
            + ProcessHandle.current().pid());

    try (Selector s = Selector.open()) {
      for (int i = 0; i < 10; i++) {
        s.select(20);
      }
    }
    // The agent's jar is on this class path too: ask whether its JNA is its own.
    Object isolated =
        Class.forName("org.shimwatch.shim.JnaIsolation").getMethod("isolated").invoke(null);
    System.out.println("agent jna isolated " + isolated);
    System.out.println("host ran");
    System.exit(7);
  }
}
