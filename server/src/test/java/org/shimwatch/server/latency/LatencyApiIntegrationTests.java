package org.shimwatch.server.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Histogram;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Latency rollups, fix correlation and regression flags over HTTP, on stacks of their own. */
class LatencyApiIntegrationTests extends ServerTestSupport {

  /** The example's epoll_wait latency buckets. */
  static final Map<Integer, Long> EXAMPLE_LATENCY =
      new TreeMap<>(Map.of(150, 410L, 166, 1702L, 182, 1848L, 214, 120L, 310, 80L, 358, 22L));

  @Test
  void mergesHistogramsPerStackShimAndCallAndComparesShimVersions() throws Exception {
    String stack = "9.9.0-" + UUID.randomUUID().toString().substring(0, 8);
    post(onStack("linux-aria2c-works", stack, "0.1.0"));
    post(onStack("linux-aria2c-works", stack, "0.1.0"));
    post(onStack("linux-aria2c-works", stack, "0.2.0"));
    post(onStack("select-problem-histograms", stack, "0.1.0"));

    JsonNode all = json(getAsAdmin("/api/v1/admin/projects/default/latency?stack=" + stack));
    JsonNode epoll =
        json(
            getAsAdmin(
                "/api/v1/admin/projects/default/latency?kind=epoll_wait&shim=0.1.0&stack="
                    + stack));
    JsonNode compare =
        json(
            getAsAdmin(
                "/api/v1/admin/projects/default/latency/compare?kind=epoll_wait&by=shim&a=0.1.0"
                    + "&b=0.2.0&within="
                    + stack));

    assertThat(all).hasSize(3);
    JsonNode merged = epoll.get(0);
    assertThat(merged.get("reports").asLong()).isEqualTo(2);
    assertThat(merged.get("calls").asLong()).isEqualTo(2 * 4182);
    Histogram twice = new Histogram(new TreeMap<>(EXAMPLE_LATENCY), null);
    twice = twice.merge(twice);
    assertThat(merged.get("latency").get("count").asLong()).isEqualTo(2 * 4182);
    assertThat(merged.get("latency").get("p50Ns").asLong()).isEqualTo(twice.valueAtQuantile(0.5));
    assertThat(merged.get("latency").get("p99Ns").asLong()).isEqualTo(twice.valueAtQuantile(0.99));
    assertThat(merged.get("overshoot").get("count").asLong()).isEqualTo(2 * 222);
    assertThat(compare.get("a").get("reports").asLong()).isEqualTo(2);
    assertThat(compare.get("b").get("reports").asLong()).isEqualTo(1);
    assertThat(compare.get("latencyRatio").get("p50").asDouble()).isEqualTo(1.0);
  }

  @Test
  void badLatencyParametersGetAProblem() throws Exception {
    String base = "/api/v1/admin/projects/default/latency";
    assertReason(getAsAdmin(base + "?kind=recv"), 400, "invalid-kind");
    assertReason(getAsAdmin(base + "/compare?a=1&b=2"), 400, "missing-kind");
    assertReason(getAsAdmin(base + "/compare?kind=poll&by=os&a=1&b=2"), 400, "invalid-by");
    assertReason(getAsAdmin(base + "/compare?kind=poll&a=1"), 400, "missing-side");
    assertReason(getAsAdmin("/api/v1/admin/projects/nope/latency"), 404, "project-not-found");
    assertReason(get(base), 401, "unauthorized");
  }

  @Test
  void aShimVersionWithManyMoreTrapsIsFlagged() throws Exception {
    String os = "RegressOS_" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 12; i++) {
      ObjectNode works = os2(os, "5.0");
      works.put("outcome", "works");
      works.remove("traps");
      post(works);
      post(os2(os, "5.1"));
    }

    JsonNode flags = json(getAsAdmin("/api/v1/admin/projects/default/regressions"));

    JsonNode flag =
        flags
            .valueStream()
            .filter(f -> f.get("platform").asString().startsWith(os))
            .findFirst()
            .orElseThrow(() -> new AssertionError(flags.toString()));
    assertThat(flag.get("fromShim").asString()).isEqualTo("5.0");
    assertThat(flag.get("toShim").asString()).isEqualTo("5.1");
    assertThat(flag.get("reasons").valueStream().map(JsonNode::asString))
        .containsExactly("success-rate-fell", "trap-rate-rose");
    assertThat(flag.get("to").get("trapRate").asDouble()).isEqualTo(1.0);
  }

  @Test
  void fixCorrelationAnswersMaintainersOnly() throws Exception {
    String base = "/api/v1/admin/projects/default/fix-correlation";
    assertThat(getAsAdmin(base).statusCode()).isEqualTo(200);
    assertThat(getAsAdmin(base + "?minSample=1").statusCode()).isEqualTo(200);
    assertReason(getAsAdmin(base + "?minSample=abc"), 400, "invalid-min-sample");
    assertReason(getAsAdmin(base + "?minSample=0"), 400, "invalid-min-sample");
    assertReason(get(base), 401, "unauthorized");
    assertReason(getAsAdmin("/api/v1/admin/projects/nope/regressions"), 404, "project-not-found");
  }

  private static ObjectNode onStack(String example, String stack, String shim) {
    ObjectNode r = freshReport(example);
    ((ObjectNode) r.at("/environment/stack")).put("version", stack);
    ((ObjectNode) r.at("/environment/shim")).put("version", shim);
    return r;
  }

  private static ObjectNode os2(String osName, String shim) {
    ObjectNode r = freshReport("os2-bittorrent-trap-tcpip32");
    ((ObjectNode) r.at("/environment/os")).put("name", osName);
    ((ObjectNode) r.at("/environment/shim")).put("version", shim);
    return r;
  }

  private void post(ObjectNode report) throws Exception {
    HttpResponse<String> r = postReport(report.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static void assertReason(HttpResponse<String> r, int status, String reason) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(json(r).get("reason").asString()).isEqualTo(reason);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return ReportJson.mapper().readTree(r.body());
  }
}
