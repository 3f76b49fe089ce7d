package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The quick schema check against the full validator: it may leave a valid document to the full
 * validator, but it must never accept one the full validator refuses.
 */
class SchemaCheckTests {

  private static final ReportValidator VALIDATOR = ReportValidator.instance();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void acceptsEveryExample() {
    for (String name : ReportExamples.NAMES) {
      JsonNode doc = ReportJson.mapper().readTree(ReportExamples.text(name));
      assertThat(VALIDATOR.quickAccepts(doc)).as(name).isTrue();
    }
  }

  @Test
  void neverAcceptsWhatTheFullValidatorRefuses() {
    Random random = new Random(20261126);
    List<JsonNode> examples =
        ReportExamples.NAMES.stream()
            .map(n -> ReportJson.mapper().readTree(ReportExamples.text(n)))
            .toList();
    int mutants = 20_000;
    int schemaValid = 0;
    int quickValid = 0;
    for (int i = 0; i < mutants; i++) {
      JsonNode doc = examples.get(random.nextInt(examples.size())).deepCopy();
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        doc = mutate(doc, random);
      }
      boolean full = VALIDATOR.schemaAccepts(doc);
      boolean quick = VALIDATOR.quickAccepts(doc);
      if (quick) {
        assertThat(full).as("accepted by the quick check only: %s", doc).isTrue();
      }
      schemaValid += full ? 1 : 0;
      quickValid += quick ? 1 : 0;
    }
    // Both kinds of documents are well represented, and the quick check leaves few valid ones
    // to the full validator (those with the numbers and strings it is unsure of).
    assertThat(schemaValid).isBetween(mutants / 10, mutants * 9 / 10);
    assertThat(quickValid).isGreaterThanOrEqualTo(schemaValid * 9 / 10);
  }

  @Test
  void leavesTheDoubtfulCasesToTheFullValidator() {
    ObjectNode doc = example("linux-aria2c-works");
    doc.put("consentLevel", 2.0);
    assertThat(VALIDATOR.quickAccepts(doc)).isFalse();

    ObjectNode version = example("linux-aria2c-works");
    ((ObjectNode) version.get("environment").get("client")).put("version", "1.37\n");
    assertThat(VALIDATOR.quickAccepts(version)).isFalse();

    ObjectNode wide = example("linux-aria2c-works");
    // 64 code points in 128 UTF-16 units: within maxLength by the contract's count.
    ((ObjectNode) wide.get("environment").get("client")).put("version", "\uD835\uDFD8".repeat(64));
    assertThat(VALIDATOR.quickAccepts(wide)).isFalse();
  }

  @Test
  void theConsentRulesHold() {
    ObjectNode level1 = example("linux-aria2c-works");
    level1.put("consentLevel", 1);
    assertThat(VALIDATOR.schemaAccepts(level1)).isFalse();
    assertThat(VALIDATOR.quickAccepts(level1)).isFalse();

    ObjectNode trap = example("os2-bittorrent-trap-tcpip32");
    assertThat(VALIDATOR.quickAccepts(trap)).isTrue();
    trap.put("consentLevel", 2);
    boolean hasFrames = trap.get("traps").get(0).has("frames");
    assertThat(hasFrames).isTrue();
    assertThat(VALIDATOR.quickAccepts(trap)).isFalse();
  }

  @Test
  void refusesSchemasWithKeywordsItLacks() {
    for (String schema :
        List.of(
            "{\"type\": \"string\", \"format\": \"date-time\"}",
            "{\"oneOf\": [{\"type\": \"string\"}]}",
            "{\"$ref\": \"https://example.invalid/other.json\"}",
            "{\"if\": {\"type\": \"string\"}}",
            "{\"type\": \"decimal\"}")) {
      assertThatThrownBy(() -> SchemaCheck.compile(ReportJson.mapper().readTree(schema)))
          .as(schema)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static ObjectNode example(String name) {
    return (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text(name));
  }

  /** The document with one random change somewhere in it. */
  private static JsonNode mutate(JsonNode doc, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(doc, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>(o.propertyNames());
      int op = random.nextInt(10);
      if (op < 2 && !names.isEmpty()) {
        o.remove(names.get(random.nextInt(names.size())));
      } else if (op < 4) {
        o.set(NAMES[random.nextInt(NAMES.length)], value(random));
      } else if (!names.isEmpty()) {
        o.set(names.get(random.nextInt(names.size())), value(random));
      }
    } else if (target instanceof ArrayNode a) {
      int op = random.nextInt(4);
      if (op == 0 && !a.isEmpty()) {
        a.remove(random.nextInt(a.size()));
      } else if (op == 1 && !a.isEmpty()) {
        a.add(a.get(random.nextInt(a.size())).deepCopy());
      } else if (!a.isEmpty()) {
        a.set(random.nextInt(a.size()), value(random));
      } else {
        a.add(value(random));
      }
    }
    return doc;
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainer()) {
      out.add(n);
      for (JsonNode child : n.values()) {
        collect(child, out);
      }
    }
  }

  /** Property names to add: the contract's own (valid in some places) and strangers. */
  private static final String[] NAMES = {
    "consentLevel",
    "metrics",
    "selfTests",
    "traps",
    "frames",
    "registers",
    "recentCalls",
    "comment",
    "period",
    "source",
    "version",
    "name",
    "level",
    "components",
    "present",
    "count",
    "results",
    "errors",
    "latency",
    "maxNs",
    "buckets",
    "0",
    "15",
    "719",
    "720",
    "07",
    "EINTR",
    "E",
    "EAX",
    "1AX",
    "values",
    "x",
    "",
    "summary",
    "kind",
    "id",
    "call",
    "nfds",
    "timeoutNs"
  };

  private static JsonNode value(Random random) {
    return switch (random.nextInt(30)) {
      case 0 -> F.numberNode(random.nextInt(5) - 1);
      case 1 -> F.numberNode(1.0);
      case 2 -> F.numberNode(9_007_199_254_740_991L);
      case 3 -> F.numberNode(9_007_199_254_740_992L);
      case 4 -> F.numberNode(new BigInteger("123456789012345678901234567890"));
      case 5 -> F.numberNode(0.5);
      case 6 -> F.booleanNode(random.nextBoolean());
      case 7 -> F.nullNode();
      case 8 -> F.objectNode();
      case 9 -> F.arrayNode();
      case 10 -> F.stringNode("");
      case 11 -> F.stringNode("a".repeat(random.nextBoolean() ? 64 : 65));
      case 12 -> F.stringNode("x".repeat(random.nextBoolean() ? 128 : 129));
      case 13 -> F.stringNode("1.0\n");
      case 14 -> F.stringNode("<script>alert(1)</script>");
      case 15 -> F.stringNode("Grüße 2.1");
      case 16 -> F.stringNode("\uD83D\uDE00".repeat(64));
      case 17 -> F.stringNode("0x1F");
      case 18 -> F.stringNode("0193e3c8-58a3-7b2c-9d4e-5f6a7b8c9d0e");
      case 19 -> F.stringNode("2026-11-20T14:03:12Z");
      case 20 -> F.stringNode("2026-13-40T99:99:99Z");
      case 21 -> F.stringNode("SIGSEGV");
      case 22 -> F.stringNode("EINTR");
      case 23 -> F.stringNode("works");
      case 24 -> F.stringNode("csd");
      case 25 -> F.stringNode("c0000005");
      case 26 -> F.stringNode("000e");
      case 27 -> {
        ObjectNode o = F.objectNode();
        o.put("kind", "csd");
        o.put("id", "UN64092");
        yield o;
      }
      case 28 -> {
        ObjectNode o = F.objectNode();
        o.set("buckets", F.objectNode().put("17", 3));
        yield o;
      }
      default -> F.numberNode(random.nextInt(100_000));
    };
  }
}
