package org.shimwatch.server.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.web.collect.CollectedField;
import org.shimwatch.web.collect.CollectedFieldsQuery;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Lists every field of report contract v1 by walking the schema itself, so the "what we collect"
 * page cannot drift from what probes send. Consent levels follow the contract: the top-level groups
 * decide, and a trap's details need level 3.
 */
@Component
class ContractFields implements CollectedFieldsQuery {

  /** Top-level properties and the level that first sends them; the rest are always present. */
  private static final Map<String, Integer> TOP_LEVEL =
      Map.of(
          "outcome", 1,
          "comment", 1,
          "environment", 1,
          "metrics", 2,
          "selfTests", 2,
          "traps", 2);

  /** Trap properties only level 3 carries (the schema's consent rule says the same). */
  private static final List<String> LEVEL_3_TRAP_FIELDS =
      List.of("frames", "registers", "recentCalls");

  private final List<CollectedField> fields;

  ContractFields() {
    JsonNode schema = ReportJson.mapper().readTree(ReportValidator.schemaText());
    List<CollectedField> out = new ArrayList<>();
    JsonNode props = schema.get("properties");
    for (String name : props.propertyNames()) {
      int level = TOP_LEVEL.getOrDefault(name, 0);
      walk(schema, props.get(name), "/" + name, level, out, 0);
    }
    this.fields = List.copyOf(out);
  }

  @Override
  public int schemaVersion() {
    return Report.SCHEMA_VERSION;
  }

  @Override
  public List<CollectedField> fields() {
    return fields;
  }

  private static void walk(
      JsonNode schema, JsonNode node, String path, int level, List<CollectedField> out, int depth) {
    // The contract nests at most a handful of levels; the bound guards against a cycle.
    if (depth > 8) {
      return;
    }
    JsonNode resolved = resolve(schema, node);
    String description = text(node, "description");
    if (description.isEmpty()) {
      description = text(resolved, "description");
    }
    String type = type(resolved);
    out.add(new CollectedField(level, path, type, description));
    JsonNode props = resolved.get("properties");
    if (props != null && props.isObject()) {
      for (String name : props.propertyNames()) {
        int childLevel =
            path.startsWith("/traps") && LEVEL_3_TRAP_FIELDS.contains(name) ? 3 : level;
        walk(schema, props.get(name), path + "/" + name, childLevel, out, depth + 1);
      }
    }
    JsonNode items = resolved.get("items");
    if (items != null && items.isObject()) {
      JsonNode item = resolve(schema, items);
      JsonNode itemProps = item.get("properties");
      if (itemProps != null && itemProps.isObject()) {
        for (String name : itemProps.propertyNames()) {
          int childLevel =
              path.startsWith("/traps") && LEVEL_3_TRAP_FIELDS.contains(name) ? 3 : level;
          walk(schema, itemProps.get(name), path + "[]/" + name, childLevel, out, depth + 1);
        }
      }
    }
  }

  private static JsonNode resolve(JsonNode schema, JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref != null && ref.isString() && ref.asString().startsWith("#/")) {
      return schema.at(ref.asString().substring(1));
    }
    return node;
  }

  private static String type(JsonNode node) {
    if (node.has("enum")) {
      List<String> values = new ArrayList<>();
      node.get("enum").forEach(v -> values.add(v.asString()));
      return "one of " + String.join(", ", values);
    }
    if (node.has("const")) {
      return "always " + node.get("const").asString();
    }
    JsonNode t = node.get("type");
    return t == null ? "value" : t.asString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || !v.isString() ? "" : v.asString();
  }
}
