package org.shimwatch.server;

import org.shimwatch.server.move.ServerTool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Shimwatch server: ingest API, storage, aggregation and the pages (whose controllers live in
 * the web-ui module, under org.shimwatch.web).
 */
@SpringBootApplication(scanBasePackages = {"org.shimwatch.server", "org.shimwatch.web"})
public class ShimwatchServerApplication {

  static {
    // H2 keeps every string it is handed in a cache of recent values, hashing it first: for the
    // report writer's 3-5 KiB raw reports and comments that hashing is a tenth of its work and the
    // cache never hits. Off unless set otherwise; it must be decided before H2 loads.
    if (System.getProperty("h2.objectCache") == null) {
      System.setProperty("h2.objectCache", "false");
    }
  }

  public static void main(String[] args) {
    if (ServerTool.handles(args)) {
      // backup, restore, export, import: a command of the launcher, not a server start.
      ServerTool.main(args);
      return;
    }
    SpringApplication.run(ShimwatchServerApplication.class, args);
  }
}
