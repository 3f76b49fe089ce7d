package org.shimwatch.probe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.testing.MissingPart;
import tools.jackson.databind.JsonNode;

/**
 * The Debian package for real, as root: installed with dpkg, used from PATH as a user would ({@code
 * --version}, {@code doctor}, {@code run} of a python3 select() client with its report arriving at
 * a receiver on loopback), its manual page and completion in place, then removed, which takes the
 * program away and leaves the user's state folder as it was.
 */
class DebianPackageIntegrationTests {

  @TempDir Path tmp;

  @Test
  void installsRunsFromPathAndRemovesCleanly() throws Exception {
    Map<String, String> root =
        Map.of("PATH", Distribution.path(), "DEBIAN_FRONTEND", "noninteractive");
    if (!Files.isExecutable(Path.of("/usr/bin/dpkg"))) {
      MissingPart.skipOrFail("this test needs dpkg (a Debian or Ubuntu system)");
    }
    if (!Shell.run(root, "id", "-u").out().strip().equals("0")) {
      MissingPart.skipOrFail("this test installs a Debian package, so it must run as root");
    }
    if (Shell.run(root, "dpkg-query", "-W", "-f=${Status}", "shimwatch")
        .out()
        .contains("installed")) {
      MissingPart.skipOrFail(
          "the shimwatch package is installed on this machine already; this test would replace and"
              + " then remove it (dpkg -r shimwatch first)");
    }
    String python = Shell.python3();
    if (python == null) {
      MissingPart.skipOrFail("this test needs python3 (Debian package python3) for its client");
    }
    Path deb = Distribution.debianPackage();
    assertThat(deb).isRegularFile();
    Shell.Result install = Shell.run(root, "dpkg", "-i", deb.toString());
    try {
      assertThat(install.status()).as(install.out() + install.err()).isZero();
      Map<String, String> user = Distribution.userEnvironment(tmp);

      assertThat(Shell.run(user, "sh", "-c", "command -v shimwatch").out().strip())
          .isEqualTo("/usr/bin/shimwatch");
      Shell.Result version = Shell.run(user, "shimwatch", "--version");
      assertThat(version.status()).as(version.err()).isZero();
      assertThat(version.out().strip()).isEqualTo("shimwatch " + Distribution.version());

      Shell.Result doctor = Shell.run(user, "shimwatch", "doctor");
      assertThat(doctor.status()).as(doctor.out() + doctor.err()).isZero();

      try (Receiver receiver = new Receiver()) {
        user.put("SHIMWATCH_SERVER", receiver.base().toString());
        user.put("SHIMWATCH_KEY", "swk_testkey0123456789");
        assertThat(Shell.run(user, "shimwatch", "consent", "--level", "2").status()).isZero();
        List<String> run = new ArrayList<>(List.of("shimwatch", "run", "--outcome", "works", "--"));
        run.addAll(Shell.selectClient(tmp, python, 100, 0));

        Shell.Result ran = Shell.run(user, null, "", run);

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.err()).contains("in the background");
        List<JsonNode> reports = receiver.awaitReports(1, Duration.ofSeconds(90));
        assertThat(reports).hasSize(1);
        assertThat(ReportValidator.instance().validate(reports.get(0))).isEmpty();
        assertThat(reports.get(0).at("/metrics/calls/select/count").asLong())
            .isGreaterThanOrEqualTo(100);
      }

      Distribution.awaitFinishers(tmp.resolve("state"));
      assertThat(Path.of("/usr/share/man/man1/shimwatch.1.gz")).isRegularFile();
      Shell.Result man = Shell.run(root, "man", "-w", "shimwatch");
      assertThat(man.out().strip()).as(man.err()).isEqualTo("/usr/share/man/man1/shimwatch.1.gz");
      assertThat(Path.of("/usr/share/shimwatch/shimwatch_probe.py")).isRegularFile();
      Path completion = Path.of("/usr/share/bash-completion/completions/shimwatch");
      assertThat(completion).isRegularFile();
      Shell.Result completes =
          Shell.run(
              root,
              "bash",
              "-c",
              "source "
                  + completion
                  + "; COMP_WORDS=(shimwatch cons); COMP_CWORD=1;"
                  + " COMP_LINE='shimwatch cons'; COMP_POINT=14; _complete_shimwatch;"
                  + " printf '%s\\n' \"${COMPREPLY[@]}\"");
      assertThat(completes.out().lines()).as(completes.err()).contains("consent");
    } finally {
      Shell.Result remove = Shell.run(root, "dpkg", "-r", "shimwatch");
      assertThat(remove.status()).as(remove.out() + remove.err()).isZero();
    }
    assertThat(Path.of("/usr/bin/shimwatch")).doesNotExist();
    assertThat(Path.of("/usr/lib/shimwatch")).doesNotExist();
    assertThat(Path.of("/usr/share/man/man1/shimwatch.1.gz")).doesNotExist();
    assertThat(Path.of("/usr/share/shimwatch")).doesNotExist();
    // The user's state stays: consent, installation id and what was sent.
    assertThat(tmp.resolve("state/consent.properties")).isRegularFile();
    assertThat(Files.list(tmp.resolve("state/sent")).count()).isPositive();
  }
}
