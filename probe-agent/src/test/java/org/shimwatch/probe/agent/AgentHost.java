package org.shimwatch.probe.agent;

/** A stand-in JVM client for the javaagent tests: does a little work and exits with status 7. */
public final class AgentHost {

  private AgentHost() {}

  public static void main(String[] args) throws Exception {
    Thread.sleep(300);
    System.out.println("host ran");
    System.exit(7);
  }
}
