package org.shimwatch.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Shimwatch server: ingest API, storage, aggregation and the pages (whose controllers live in
 * the web-ui module, under org.shimwatch.web).
 */
@SpringBootApplication(scanBasePackages = {"org.shimwatch.server", "org.shimwatch.web"})
public class ShimwatchServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShimwatchServerApplication.class, args);
  }
}
