package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever the schema lets a probe leave out, the report still reads: every example with any one
 * member removed is either refused by the schema or parsed into a report (never a failure between
 * the two, which the server would answer with a 500). Probes other than the Java one (the Python
 * probe) leave out zero counts.
 */
class OptionalFieldsTests {

  @Test
  void everyReportTheSchemaAcceptsAlsoReads() throws Exception {
    ReportValidator validator = ReportValidator.instance();
    int accepted = 0;
    List<String> failures = new ArrayList<>();
    for (String name : ReportExamples.NAMES) {
      JsonNode example = ReportJson.mapper().readTree(ReportExamples.text(name));
      for (String pointer : memberPointers(example, "")) {
        JsonNode pruned = without(example, pointer);
        if (!validator.validate(pruned).isEmpty()) {
          continue;
        }
        accepted++;
        try {
          validator.parse(pruned);
        } catch (RuntimeException | InvalidReportException e) {
          failures.add(name + " without " + pointer + ": " + e.getMessage());
        }
      }
    }
    assertThat(accepted).as("reports still valid with a member left out").isGreaterThan(50);
    assertThat(failures).isEmpty();
  }

  @Test
  void aCountLeftOutIsZero() throws Exception {
    ObjectNode doc =
        (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text("select-problem-histograms"));
    ObjectNode results = (ObjectNode) doc.at("/metrics/calls/select/results");
    assertThat(results.isMissingNode()).isFalse();
    results.remove("ready");
    Report r = ReportValidator.instance().parse(doc);
    assertThat(r.metrics().calls().select().results().ready()).isZero();
  }

  private static List<String> memberPointers(JsonNode node, String at) {
    List<String> out = new ArrayList<>();
    if (node instanceof ObjectNode o) {
      for (String key : o.propertyNames()) {
        String p = at + "/" + key.replace("~", "~0").replace("/", "~1");
        out.add(p);
        out.addAll(memberPointers(o.get(key), p));
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.addAll(memberPointers(a.get(i), at + "/" + i));
      }
    }
    return out;
  }

  private static JsonNode without(JsonNode example, String pointer) {
    JsonNode copy = example.deepCopy();
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
    String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    ((ObjectNode) parent).remove(key);
    return copy;
  }
}
