package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 12: the server as an operator installs it. The built {@code
 * shimwatch-server-VERSION.tar.gz} is unpacked, its launcher started with the example settings'
 * variables (only port and folder changed), and the first start writes the owner's password to a
 * file only the server's user can read, naming it in the log but never printing the password.
 */
@Order(7)
class ServerArchiveE2E {

  @Test
  void theArchiveUnpacksAndItsLauncherStartsTheServer() throws Exception {
    E2e.requireTools("tar");
    Path archive;
    try (Stream<Path> s = Files.list(E2e.serverJar().getParent())) {
      archive =
          s.filter(p -> p.getFileName().toString().matches("shimwatch-server-.+\\.tar\\.gz"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no shimwatch-server-*.tar.gz was built"));
    }
    Path work = E2e.newDir("server-archive");
    E2e.Result untar =
        E2e.run(
            List.of("tar", "-xzf", archive.toString(), "-C", work.toString()),
            Map.of(),
            work,
            Duration.ofSeconds(60));
    assertThat(untar.exit()).as("tar: %s", untar.output()).isZero();
    Path root;
    try (Stream<Path> s = Files.list(work)) {
      root = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertThat(root.getFileName().toString()).startsWith("shimwatch-server-");
    Path launcher = root.resolve("bin/shimwatch-server");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)))
        .isEqualTo("rwxr-xr-x");
    for (String f :
        List.of(
            "lib/shimwatch-server.jar",
            "etc/shimwatch-server.env",
            "etc/shimwatch-server.service",
            "etc/nginx-shimwatch.conf",
            "README.txt")) {
      assertThat(root.resolve(f)).isRegularFile();
    }
    String unit = Files.readString(root.resolve("etc/shimwatch-server.service"));
    for (String hardening :
        List.of(
            "User=shimwatch",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "PrivateTmp=yes",
            "CapabilityBoundingSet=\n",
            "ReadWritePaths=/var/lib/shimwatch",
            "ExecStart=/opt/shimwatch-server/bin/shimwatch-server",
            "EnvironmentFile=/etc/shimwatch/shimwatch-server.env")) {
      assertThat(unit).contains(hardening);
    }

    // The example settings, as the unit's EnvironmentFile= gives them, with this test's port and
    // folder.
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolve("etc/shimwatch-server.env"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    assertThat(env)
        .containsKeys("SERVER_ADDRESS", "SHIMWATCH_TRUSTED_PROXIES", "SHIMWATCH_DATA_DIR");
    int port = E2e.freePort();
    Path data = work.resolve("var-lib-shimwatch");
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("SHIMWATCH_DATA_DIR", data.toString());
    env.put("SHIMWATCH_SERVER_JAVA_OPTS", "-Xmx384m");
    env.put("JAVA_HOME", Path.of(E2e.java()).getParent().getParent().toString());
    Path log = work.resolve("server.log");
    Process server = E2e.start(List.of(launcher.toString()), env, work, log);
    try {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + ServerProcess.START_LIMIT.toNanos();
      boolean up = false;
      while (!up && System.nanoTime() < deadline && server.isAlive()) {
        try {
          HttpResponse<String> h =
              http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          up = h.statusCode() == 200 && h.body().contains("UP");
        } catch (java.io.IOException e) {
          Thread.sleep(250);
        }
      }
      assertThat(up).as("healthy; log:\n%s", E2e.read(log)).isTrue();
      Path passwordFile = data.resolve("first-owner-password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
          .isEqualTo("rw-------");
      String password = Files.readString(passwordFile).strip();
      String text = E2e.read(log);
      assertThat(text).contains(passwordFile.toString()).doesNotContain(password);
      E2e.figures(
          "archive",
          E2e.map(
              "archive",
              archive.getFileName(),
              "bytes",
              Files.size(archive),
              "health",
              "UP",
              "passwordFile",
              "rw-------"));
    } finally {
      E2e.destroyTree(server);
    }
  }
}
