package org.shimwatch.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The real battery, once, in this JVM through JNA, the way {@code shimwatch doctor} runs it: the
 * library is opened with dlopen() here, not preloaded, and its checks must still go through its
 * wrappers.
 */
class SelfTestBatteryIntegrationTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RESULTS = Set.of("pass", "fail", "known-limitation", "skipped");

  private static NativeShim shim;
  private static final Map<String, JsonNode> results = new LinkedHashMap<>();
  private static final List<String> lines = new ArrayList<>();
  private static Duration took;
  private static JsonNode snapshot;

  @BeforeAll
  static void runTheBatteryOnce() {
    shim = NativeShimLoader.load();
    assertThat(shim.isLoaded()).as("library: %s", shim).isTrue();
    shim.reset();
    long start = System.nanoTime();
    List<String> json =
        new SelfTestBattery(shim)
            .run(
                (test, result, index, count) -> {
                  String line = (index + 1) + "/" + count + " " + test.id() + ": " + result;
                  lines.add(line);
                  System.out.println(line);
                });
    took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "self-test battery through JNA: %d checks in %d ms%n", json.size(), took.toMillis());
    for (String r : json) {
      JsonNode node = JSON.readTree(r);
      results.put(node.get("id").asString(), node);
    }
    snapshot = JSON.readTree(shim.snapshotJson().orElseThrow());
  }

  private static JsonNode result(String id) {
    return results.get(id);
  }

  private static double value(String id, String name) {
    JsonNode v = result(id).get("values").get(name);
    assertThat(v).as("%s values.%s", id, name).isNotNull();
    return v.asDouble();
  }

  @Test
  void everyCheckRanInOrderAndWasReportedAsItFinished() {
    assertThat(shim.selfTests()).isEqualTo(SelfTestInfo.BUILT_IN);
    assertThat(results.keySet())
        .containsExactlyElementsOf(SelfTestInfo.BUILT_IN.stream().map(SelfTestInfo::id).toList());
    assertThat(lines).hasSize(SelfTestInfo.BUILT_IN.size());
  }

  @Test
  void everyResultHasTheContractsShape() {
    for (JsonNode r : results.values()) {
      assertThat(r.propertyNames())
          .containsExactly("id", "result", "summary", "durationMs", "values");
      assertThat(r.get("id").asString()).matches("^[a-z0-9][a-z0-9-]{0,63}$");
      assertThat(RESULTS).contains(r.get("result").asString());
      assertThat(r.get("summary").asString()).isNotBlank().hasSizeLessThanOrEqualTo(500);
      assertThat(r.get("durationMs").isIntegralNumber()).isTrue();
      JsonNode values = r.get("values");
      assertThat(values.size()).isLessThanOrEqualTo(32);
      for (String name : values.propertyNames()) {
        assertThat(name).matches("^[a-zA-Z][a-zA-Z0-9]{0,63}$");
        assertThat(values.get(name).isNumber()).as(name).isTrue();
      }
    }
  }

  @Test
  void eachCheckGivesThisLinuxMachinesResult() {
    for (String id :
        List.of(
            "select-readiness",
            "timeout-accuracy",
            "nonblocking-connect",
            "many-descriptors",
            "select-fd-setsize",
            "fork-inheritance",
            "select-eintr",
            "bittorrent-stress")) {
      assertThat(result(id).get("result").asString())
          .as("%s: %s", id, result(id))
          .isEqualTo("pass");
    }
    JsonNode nonSocket = result("select-non-socket");
    assertThat(nonSocket.get("result").asString()).isEqualTo("known-limitation");
    assertThat(nonSocket.get("summary").asString())
        .startsWith("a regular file is reported readable with nothing to read");
    assertThat(value("select-non-socket", "pipeLikeSocket")).isEqualTo(1);
    assertThat(value("select-non-socket", "ttyLikeSocket")).isEqualTo(1);
    assertThat(value("bittorrent-stress", "lostWakeups")).isZero();
    assertThat(value("bittorrent-stress", "bytes"))
        .isEqualTo(value("bittorrent-stress", "bytesSent"));
    assertThat(value("timeout-accuracy", "earlyReturns")).isZero();
  }

  @Test
  void theChecksWentThroughTheShimEvenThoughJnaOpenedIt() {
    JsonNode select = snapshot.get("calls").get("select");
    assertThat(value("select-fd-setsize", "fdAboveSetsizeCounted")).isGreaterThanOrEqualTo(1);
    assertThat(select.get("anomalies").get("fdAboveSetsize").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(select.get("count").asLong())
        .isGreaterThanOrEqualTo((long) value("bittorrent-stress", "selectCalls"));
    assertThat(select.get("results").get("interrupted").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(snapshot.get("calls").get("poll").get("count").asLong())
        .isGreaterThanOrEqualTo((long) value("bittorrent-stress", "pollCalls"));
  }

  @Test
  void theBatteryFinishesWithinFifteenSeconds() {
    assertThat(took).isLessThan(SelfTestBattery.DEFAULT_DEADLINE);
    long sum = 0;
    for (JsonNode r : results.values()) {
      sum += r.get("durationMs").asLong();
    }
    assertThat(sum).isLessThanOrEqualTo(took.toMillis());
  }
}
