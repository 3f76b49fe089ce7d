package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A corpus of documents that are not valid reports, each made from a valid example by one change.
 * Each must fail, with a violation at the JSON pointer of what is wrong, whose message names it.
 */
class InvalidReportCorpusTests {

  private static final String LINUX = "linux-aria2c-works";
  private static final String OS2 = "os2-bittorrent-trap-tcpip32";
  private static final String SELECT = "select-problem-histograms";
  private static final String LEVEL1 = "level1-environment-only";
  private static final String SELF = "self-tests";

  private final ReportValidator validator = ReportValidator.instance();

  static Stream<Arguments> corpus() {
    return Stream.of(
        bad(
            "schema version as a string",
            LINUX,
            "/schemaVersion",
            r -> r.put("schemaVersion", "1")),
        bad("future schema version", LINUX, "/schemaVersion", r -> r.put("schemaVersion", 2)),
        bad("report id missing", LINUX, "/reportId", r -> r.remove("reportId")),
        bad("report id not a UUID", LINUX, "/reportId", r -> r.put("reportId", "report-42")),
        bad(
            "installation id a number",
            LINUX,
            "/installationId",
            r -> r.put("installationId", 12345)),
        bad("consent level 0", LINUX, "/consentLevel", r -> r.put("consentLevel", 0)),
        bad("consent level 4", LINUX, "/consentLevel", r -> r.put("consentLevel", 4)),
        bad("consent level as text", LINUX, "/consentLevel", r -> r.put("consentLevel", "2")),
        bad("created time missing", LINUX, "/createdAt", r -> r.remove("createdAt")),
        bad("created time in words", LINUX, "/createdAt", r -> r.put("createdAt", "yesterday")),
        bad(
            "created time not a real date",
            LINUX,
            "/createdAt",
            r -> r.put("createdAt", "2026-13-45T25:61:00Z")),
        bad("unknown outcome", LINUX, "/outcome", r -> r.put("outcome", "crashed")),
        bad("outcome missing", LINUX, "/outcome", r -> r.remove("outcome")),
        bad("oversize comment", LINUX, "/comment", r -> r.put("comment", "x".repeat(4001))),
        bad(
            "oversize client name",
            LINUX,
            "/environment/client/name",
            r -> obj(r, "/environment/client").put("name", "c".repeat(129))),
        bad(
            "markup as a client name",
            LINUX,
            "/environment/client/name",
            r -> obj(r, "/environment/client").put("name", "<script>alert(1)</script>")),
        bad(
            "a statement as a version",
            LINUX,
            "/environment/client/version",
            r -> obj(r, "/environment/client").put("version", "1'; DROP TABLE report;--")),
        bad(
            "markup in a register value",
            OS2,
            "/traps/0/registers/EAX",
            r -> obj(r, "/traps/0/registers").put("EAX", "<b>0</b>")),
        bad("environment missing", LINUX, "/environment", r -> r.remove("environment")),
        bad(
            "OS family missing",
            LINUX,
            "/environment/os/family",
            r -> obj(r, "/environment/os").remove("family")),
        bad(
            "unknown OS family",
            LINUX,
            "/environment/os/family",
            r -> obj(r, "/environment/os").put("family", "amiga")),
        bad(
            "unknown install mode",
            LINUX,
            "/environment/shim/installMode",
            r -> obj(r, "/environment/shim").put("installMode", "lib-dynload")),
        bad(
            "fixes listed twice",
            OS2,
            "/environment/fixes",
            r ->
                ((ArrayNode) r.at("/environment/fixes"))
                    .add(r.at("/environment/fixes/0").deepCopy())),
        bad(
            "negative call count",
            LINUX,
            "/metrics/calls/epoll_wait/count",
            r -> obj(r, "/metrics/calls/epoll_wait").put("count", -1)),
        bad(
            "negative bucket count",
            LINUX,
            "/metrics/calls/epoll_wait/latency/buckets/150",
            r -> obj(r, "/metrics/calls/epoll_wait/latency/buckets").put("150", -5)),
        bad(
            "empty bucket written out",
            LINUX,
            "/metrics/calls/epoll_wait/latency/buckets/150",
            r -> obj(r, "/metrics/calls/epoll_wait/latency/buckets").put("150", 0)),
        bad(
            "bucket index past the last",
            LINUX,
            "/metrics/calls/epoll_wait/latency/buckets/720",
            r -> obj(r, "/metrics/calls/epoll_wait/latency/buckets").put("720", 1)),
        bad(
            "negative bucket index",
            LINUX,
            "/metrics/calls/epoll_wait/latency/buckets/-1",
            r -> obj(r, "/metrics/calls/epoll_wait/latency/buckets").put("-1", 1)),
        bad(
            "histogram as a list",
            LINUX,
            "/metrics/calls/epoll_wait/latency",
            r -> obj(r, "/metrics/calls/epoll_wait").putArray("latency").add(1).add(2)),
        bad(
            "unknown call kind",
            LINUX,
            "/metrics/calls/kqueue",
            r ->
                obj(r, "/metrics/calls")
                    .set("kqueue", r.at("/metrics/calls/epoll_wait").deepCopy())),
        bad(
            "errno name in lower case",
            SELECT,
            "/metrics/calls/select/errors/ebadf",
            r -> obj(r, "/metrics/calls/select/errors").put("ebadf", 3)),
        bad(
            "latency as a float",
            SELECT,
            "/metrics/calls/select/latency/maxNs",
            r -> obj(r, "/metrics/calls/select/latency").put("maxNs", 1.5)),
        bad(
            "field the contract lacks",
            LINUX,
            "/clientAddress",
            r -> r.put("clientAddress", "::1")),
        bad(
            "metrics at level 1",
            LEVEL1,
            "/metrics",
            r -> r.set("metrics", readTree("{\"calls\":{}}"))),
        bad("trap frames below level 3", OS2, "/traps/0/frames", r -> r.put("consentLevel", 2)),
        bad(
            "trap without source",
            OS2,
            "/traps/0/source",
            r -> obj(r, "/traps/0").remove("source")),
        bad(
            "trap number too short",
            OS2,
            "/traps/0/trapNumber",
            r -> obj(r, "/traps/0").put("trapNumber", "14")),
        bad(
            "exception code not hex",
            OS2,
            "/traps/0/exceptionCode",
            r -> obj(r, "/traps/0").put("exceptionCode", "access violation")),
        bad(
            "unknown self-test result",
            SELF,
            "/selfTests/0/result",
            r -> obj(r, "/selfTests/0").put("result", "ok")),
        bad(
            "self-test value as text",
            SELF,
            "/selfTests/1/values/selectOvershootP50Us",
            r -> obj(r, "/selfTests/1/values").put("selectOvershootP50Us", "71 us")),
        bad(
            "period that runs backwards",
            "javaagent-periodic",
            "/period/end",
            r -> obj(r, "/period").put("end", "2026-11-24T10:00:00Z")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void failsNamingThePointer(String name, String document, String pointer) {
    var violations = validator.validate(document);

    assertThat(violations).as(name).isNotEmpty();
    assertThat(violations)
        .as(name + ": " + violations)
        .anySatisfy(
            v -> {
              assertThat(v.pointer()).isEqualTo(pointer);
              assertThat(v.message()).startsWith(pointer + ":");
            });
    assertThatThrownBy(() -> validator.parse(document))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageContaining(pointer);
  }

  @Test
  void corpusIsLargeEnough() {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void notJsonIsRefusedWithWhereItBroke() {
    var violations = validator.validate("{\"schemaVersion\": 1, \"reportId\": ");

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.pointer()).isEmpty();
              assertThat(v.reason()).isEqualTo("malformed-json");
              assertThat(v.message()).contains("line 1");
            });
  }

  @Test
  void badUtf8IsRefusedEvenWhereTheJsonParserWouldLetItThrough() {
    byte[] text = ReportExamples.text(LINUX).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String s = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = s.indexOf("no stalls");
    // 0xC0 0xAF is an overlong encoding of '/'.
    text[at] = (byte) 0xC0;
    text[at + 1] = (byte) 0xAF;

    assertThat(validator.validate(text))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.reason()).isEqualTo("malformed-json");
              assertThat(v.message()).contains("not valid UTF-8");
            });
  }

  @Test
  void duplicateKeysAreRefused() {
    String text =
        ReportExamples.text(LINUX)
            .replaceFirst(
                "\"outcome\": \"works\"", "\"outcome\": \"works\", \"outcome\": \"traps\"");

    assertThat(validator.validate(text))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.reason()).isEqualTo("malformed-json");
              assertThat(v.message()).contains("outcome");
            });
  }

  @Test
  void documentsThatAreNotObjectsAreRefused() {
    assertThat(validator.validate("[1,2,3]"))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("an array"));
    assertThat(validator.validate("\"works\""))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("a string"));
    assertThat(validator.validate(""))
        .singleElement()
        .satisfies(v -> assertThat(v.reason()).isIn("empty", "malformed-json"));
  }

  @Test
  void deepNestingIsRefusedBeforeItCostsAnything() {
    String deep = "{\"comment\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    assertThat(validator.validate(deep))
        .singleElement()
        .satisfies(v -> assertThat(v.reason()).isEqualTo("malformed-json"));
  }

  @Test
  void everyViolationIsListedNotJustTheFirst() {
    ObjectNode r = (ObjectNode) readTree(ReportExamples.text(LINUX));
    r.put("outcome", "crashed");
    r.put("consentLevel", 9);
    r.remove("reportId");

    var pointers = validator.validate(r).stream().map(Violation::pointer).toList();

    assertThat(pointers).contains("/outcome", "/consentLevel", "/reportId");
  }

  private static Arguments bad(
      String name, String example, String pointer, Consumer<ObjectNode> change) {
    ObjectNode root = (ObjectNode) readTree(ReportExamples.text(example));
    change.accept(root);
    return Arguments.of(name, root.toString(), pointer);
  }

  private static ObjectNode obj(ObjectNode root, String pointer) {
    JsonNode n = root.at(pointer);
    if (!(n instanceof ObjectNode o)) {
      throw new IllegalArgumentException("no object at " + pointer);
    }
    return o;
  }

  private static JsonNode readTree(String text) {
    return ReportJson.mapper().readTree(text);
  }
}
