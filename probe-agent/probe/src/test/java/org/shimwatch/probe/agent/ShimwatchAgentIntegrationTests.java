package org.shimwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.probe.ChildJvm;
import org.shimwatch.probe.LocalReceiver;
import org.shimwatch.probe.TestEnv;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.consent.ConsentStore;
import org.shimwatch.probe.run.ShimLibraryCache;
import org.shimwatch.report.ReportValidator;
import tools.jackson.databind.JsonNode;

/**
 * The javaagent in a real host JVM, with the shim preloaded: metrics come through the JNA binding.
 */
class ShimwatchAgentIntegrationTests {

  @TempDir Path tmp;

  @Test
  void aPreloadedHostReportsItsOwnCallsAtShutdown() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.in(tmp);
      new ConsentStore(tmp.resolve("state/consent.properties")).setLevel(ConsentLevel.METRICS);
      Path lib = new ShimLibraryCache(tmp.resolve("cache")).library();
      env.put("LD_PRELOAD", lib.toString());
      env.put("SHIMWATCH_SPOOL", tmp.resolve("spool").toString());
      String args =
          "server="
              + receiver.base()
              + ",key=swk_agent,client=jtorrent,clientVersion=2.1.0,period=PT1H";

      Process p =
          ChildJvm.builder(
                  List.of("-javaagent:" + ChildJvm.agentJar(tmp.resolve("jar")) + "=" + args),
                  AgentHost.class.getName(),
                  List.of(),
                  env)
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(p.exitValue()).as(output).isEqualTo(7);
      assertThat(output).contains("host ran");
      assertThat(receiver.reports()).as(output).hasSize(1);
      JsonNode r = receiver.reports().get(0);
      assertThat(ReportValidator.instance().validate(r)).isEmpty();
      assertThat(r.path("source").asString()).isEqualTo("javaagent");
      assertThat(r.at("/environment/client/name").asString()).isEqualTo("jtorrent");
      assertThat(r.at("/environment/shim/installMode").asString()).isEqualTo("preload");
      assertThat(r.at("/environment/runtime/name").asString()).isEqualTo("OpenJDK");
      assertThat(r.has("period")).isTrue();
      assertThat(r.at("/metrics/calls/epoll_wait/count").asLong()).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void optionsAreParsedAndBadOnesNamed() {
    AgentOptions o =
        AgentOptions.parse(
            "server=http://127.0.0.1:1,key=k,client=jt,clientVersion=1:2.0,period=120,state=/tmp/s");
    assertThat(o.server().toString()).isEqualTo("http://127.0.0.1:1");
    assertThat(o.clientVersion()).isEqualTo("1:2.0");
    assertThat(o.period()).isEqualTo(Duration.ofMinutes(2));
    assertThat(AgentOptions.parse(null).period()).isEqualTo(Duration.ofHours(1));
    assertThat(AgentOptions.parse("period=PT2H").period()).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> AgentOptions.parse("sever=x"))
        .hasMessageContaining("unknown option 'sever'");
    assertThatThrownBy(() -> AgentOptions.parse("period=5"))
        .hasMessageContaining("shorter than a minute");
    assertThatThrownBy(() -> AgentOptions.parse("period=soon"))
        .hasMessageContaining("neither seconds");
    assertThatThrownBy(() -> AgentOptions.parse("server")).hasMessageContaining("not key=value");
  }

  @Test
  void aBadOptionStringLeavesTheHostRunning() throws Exception {
    try (LocalReceiver receiver = new LocalReceiver()) {
      Map<String, String> env = TestEnv.withServer(tmp, receiver.base());
      new ConsentStore(tmp.resolve("state/consent.properties")).setLevel(ConsentLevel.METRICS);
      Process p =
          ChildJvm.builder(
                  List.of("-javaagent:" + ChildJvm.agentJar(tmp.resolve("jar")) + "=period=never"),
                  AgentHost.class.getName(),
                  List.of(),
                  env)
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(7);
      assertThat(output)
          .contains("shimwatch agent inactive")
          .contains("period 'never'")
          .doesNotContain("Exception");
      assertThat(receiver.received()).isEmpty();
    }
  }
}
