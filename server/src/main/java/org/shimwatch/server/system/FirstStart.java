package org.shimwatch.server.system;

import java.time.Clock;
import org.shimwatch.server.maintainer.Maintainer;
import org.shimwatch.server.maintainer.MaintainerRepository;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.project.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start of an empty database: creates the first maintainer ({@code admin}) and the
 * default project with one ingest key, and prints the key (and a generated password) once, in lines
 * that can be copied as they are.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

  static final String ADMIN = "admin";
  static final String DEFAULT_PROJECT = "default";

  private final ProjectService projects;
  private final MaintainerRepository maintainers;
  private final PasswordEncoder encoder;
  private final ShimwatchProperties properties;
  private final Clock clock;

  FirstStart(
      ProjectService projects,
      MaintainerRepository maintainers,
      PasswordEncoder encoder,
      ShimwatchProperties properties,
      Clock clock) {
    this.projects = projects;
    this.maintainers = maintainers;
    this.encoder = encoder;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (maintainers.count() == 0) {
      boolean given = !properties.adminPassword().isBlank();
      String password = given ? properties.adminPassword() : Secrets.newKey("").substring(0, 24);
      maintainers.save(new Maintainer(ADMIN, encoder.encode(password), clock.instant()));
      if (given) {
        log.info("Created maintainer '{}' with the password from SHIMWATCH_ADMIN_PASSWORD", ADMIN);
      } else {
        log.info(
            "Created maintainer '{}' with password {} (shown once; set SHIMWATCH_ADMIN_PASSWORD"
                + " to choose it)",
            ADMIN,
            password);
      }
    }
    if (!projects.anyProject()) {
      projects.create(DEFAULT_PROJECT, "Default project");
      String wanted = properties.bootstrapKey().isBlank() ? null : properties.bootstrapKey();
      var created = projects.createKey(DEFAULT_PROJECT, "first key", wanted);
      log.info(
          "Created project '{}' with ingest key {} — probes use it as: SHIMWATCH_SERVER=<this"
              + " server's URL> SHIMWATCH_KEY={} shimwatch run -- <client>",
          DEFAULT_PROJECT,
          created.plainKey(),
          created.plainKey());
    }
  }
}
