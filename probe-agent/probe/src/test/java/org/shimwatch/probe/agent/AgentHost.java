package org.shimwatch.probe.agent;

import java.nio.channels.Selector;

/**
 * A stand-in JVM client for the javaagent tests: waits on a selector a few times (epoll_wait, which
 * a preloaded shim counts), then exits with status 7.
 */
public final class AgentHost {

  private AgentHost() {}

  public static void main(String[] args) throws Exception {
    try (Selector s = Selector.open()) {
      for (int i = 0; i < 10; i++) {
        s.select(20);
      }
    }
    System.out.println("host ran");
    System.exit(7);
  }
}
