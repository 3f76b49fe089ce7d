package org.shimwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.report.Outcome;

/** The embedding API never throws into its host; what goes wrong shows in its status. */
class ShimwatchTests {

  @TempDir Path tmp;

  @Test
  void badSettingsLeaveAnInertProbeThatSaysWhy() {
    Map<String, String> env = TestEnv.in(tmp);
    env.put("SHIMWATCH_SERVER", "not a url at all");

    Shimwatch probe = Shimwatch.builder().environment(env).client("jt", "1").start();

    assertThatCode(
            () -> {
              probe.grantConsent(ConsentLevel.ENVIRONMENT);
              probe.reportOutcome(Outcome.WORKS, null);
              probe.close();
              probe.reportOutcome(Outcome.WORKS, null);
              probe.close();
            })
        .doesNotThrowAnyException();
    assertThat(probe.status().upload().lastError()).contains("is not a URL");
  }

  @Test
  void anUnwritableStateDirectoryIsReportedNotThrown() throws Exception {
    Path blocker = tmp.resolve("file-not-dir");
    Files.writeString(blocker, "x");
    Shimwatch probe =
        Shimwatch.builder()
            .environment(TestEnv.in(tmp))
            .stateDirectory(blocker.resolve("state"))
            .client("jt", null)
            .start();

    assertThat(probe.grantConsent(ConsentLevel.METRICS)).isFalse();
    assertThat(probe.consentLevel()).isEqualTo(ConsentLevel.NONE);
    assertThat(probe.status().upload().lastError()).contains("Not a directory");
    probe.close();
  }

  @Test
  void reportsQueuedWhileTheServerIsMissingWaitAndStatusSaysSo() {
    Shimwatch probe = Shimwatch.builder().environment(TestEnv.in(tmp)).client("jt", "1").start();
    probe.grantConsent(ConsentLevel.ENVIRONMENT);
    probe.reportOutcome(Outcome.SELECT_PROBLEM, "stalls after an hour");
    probe.close();

    ProbeStatus s = probe.status();
    assertThat(s.waiting()).isEqualTo(1);
    assertThat(s.missingSettings()).contains("no server URL");
    assertThat(s.needsAttention()).isTrue();
  }

  @Test
  void consentGivenElsewhereCountsFromTheNextReport() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      Shimwatch probe = Shimwatch.builder().environment(env).client("jt", "1").start();
      probe.reportOutcome(Outcome.WORKS, "before consent");

      new org.shimwatch.probe.consent.ConsentStore(tmp.resolve("state/consent.properties"))
          .setLevel(ConsentLevel.ENVIRONMENT);
      probe.reportOutcome(Outcome.WORKS, "after consent");
      probe.close();

      assertThat(receiver.reports())
          .singleElement()
          .satisfies(r -> assertThat(r.path("comment").asString()).isEqualTo("after consent"));
    }
  }
}
