package org.shimwatch.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * A quick yes-or-no check of a document against a JSON Schema (draft 2020-12) that uses only the
 * keywords the contract uses. It answers {@code true} only for a document the schema accepts; for
 * every other document, and for the few it cannot be sure of, it answers {@code false} and the full
 * validator decides and lists the violations. Valid reports, nearly all of what reaches a server,
 * thus skip the full validator's bookkeeping of error paths and messages.
 *
 * <p>Where JSON Schema and Java could disagree it errs on the side of {@code false}: a number is an
 * integer only when written as one (1, not 1.0), a {@code maxLength} is checked in UTF-16 units
 * (never fewer than code points), a pattern's final {@code $} matches only at the very end, and an
 * array that must hold unique items is checked only when its items hold no numbers.
 *
 * <p>Compiling a schema with any other keyword, or with a reference other than {@code #/$defs/…},
 * fails, so a contract that outgrows this check is noticed by its tests, not by accepted reports.
 */
final class SchemaCheck {

  /** Keywords that only describe. */
  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "$comment", "title", "description", "examples", "default");

  private static final int OBJECT = 1;
  private static final int ARRAY = 2;
  private static final int STRING = 4;
  private static final int INTEGER = 8;
  private static final int NUMBER = 16;
  private static final int BOOLEAN = 32;
  private static final int NULL = 64;

  private static final Map<String, Integer> TYPES =
      Map.of(
          "object", OBJECT,
          "array", ARRAY,
          "string", STRING,
          "integer", INTEGER,
          "number", NUMBER,
          "boolean", BOOLEAN,
          "null", NULL);

  private final Rule root;

  private SchemaCheck(Rule root) {
    this.root = root;
  }

  /**
   * Compiles a schema.
   *
   * @throws IllegalArgumentException when it uses a keyword or a reference this check lacks
   */
  static SchemaCheck compile(JsonNode schema) {
    Compiler c = new Compiler(schema.get("$defs"));
    Rule root = c.rule(schema, "#");
    c.resolve();
    return new SchemaCheck(root);
  }

  /** Whether the document is certainly valid against the schema. */
  boolean accepts(JsonNode document) {
    return root.test(document);
  }

  /** One compiled (sub)schema. */
  private abstract static class Rule {
    abstract boolean test(JsonNode n);
  }

  private static final Rule ALWAYS =
      new Rule() {
        @Override
        boolean test(JsonNode n) {
          return true;
        }
      };

  private static final Rule NEVER =
      new Rule() {
        @Override
        boolean test(JsonNode n) {
          return false;
        }
      };

  /** A {@code $ref}, pointed at its target once every definition is compiled. */
  private static final class Ref extends Rule {
    final String name;
    Rule target;

    Ref(String name) {
      this.name = name;
    }

    @Override
    boolean test(JsonNode n) {
      return target.test(n);
    }
  }

  /** An object schema: every keyword it has, each checked only on the instances it applies to. */
  private static final class Keywords extends Rule {
    /** The allowed types as a set of the bits below; 0 when any type will do. */
    int types;

    JsonNode constant;
    List<JsonNode> choices;
    Map<String, Rule> properties;
    Rule additional;
    String[] required;
    Rule propertyNames;
    int maxProperties = -1;
    Rule items;
    int maxItems = -1;
    boolean uniqueItems;
    int minLength = -1;
    int maxLength = -1;
    Pattern pattern;
    BigDecimal minimum;
    BigDecimal maximum;
    List<Rule> all;
    Rule condition;
    Rule then;

    @Override
    boolean test(JsonNode n) {
      if (types != 0 && !hasType(n)) {
        return false;
      }
      if (constant != null && !same(constant, n)) {
        return false;
      }
      if (choices != null && !oneOfChoices(n)) {
        return false;
      }
      if (n.isObject() && !object(n)) {
        return false;
      }
      if (n.isArray() && !array(n)) {
        return false;
      }
      if (n.isString() && !string(n.asString())) {
        return false;
      }
      if (n.isNumber() && !number(n)) {
        return false;
      }
      if (all != null) {
        for (Rule r : all) {
          if (!r.test(n)) {
            return false;
          }
        }
      }
      return condition == null || !condition.test(n) || then.test(n);
    }

    private boolean hasType(JsonNode n) {
      int kind =
          switch (n.getNodeType()) {
            case OBJECT -> OBJECT;
            case ARRAY -> ARRAY;
            case STRING -> STRING;
            // 1.0 is an integer to JSON Schema; such a document is left to the full validator.
            case NUMBER -> n.isIntegralNumber() ? INTEGER | NUMBER : NUMBER;
            case BOOLEAN -> BOOLEAN;
            case NULL -> NULL;
            default -> 0;
          };
      return (types & kind) != 0;
    }

    private boolean oneOfChoices(JsonNode n) {
      for (JsonNode c : choices) {
        if (same(c, n)) {
          return true;
        }
      }
      return false;
    }

    private boolean object(JsonNode n) {
      if (maxProperties >= 0 && n.size() > maxProperties) {
        return false;
      }
      if (required != null) {
        for (String name : required) {
          if (!n.has(name)) {
            return false;
          }
        }
      }
      if (properties == null && additional == null && propertyNames == null) {
        return true;
      }
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        String name = e.getKey();
        if (propertyNames != null && !propertyNames.test(StringNode.valueOf(name))) {
          return false;
        }
        Rule known = properties == null ? null : properties.get(name);
        if (known != null) {
          if (!known.test(e.getValue())) {
            return false;
          }
        } else if (additional != null && !additional.test(e.getValue())) {
          return false;
        }
      }
      return true;
    }

    private boolean array(JsonNode n) {
      if (maxItems >= 0 && n.size() > maxItems) {
        return false;
      }
      if (items != null) {
        for (JsonNode item : n) {
          if (!items.test(item)) {
            return false;
          }
        }
      }
      if (uniqueItems && n.size() > 1) {
        Set<JsonNode> seen = new HashSet<>();
        for (JsonNode item : n) {
          // Jackson's equality tells 1 from 1.0, JSON Schema's does not: leave numbers out.
          if (holdsNumber(item) || !seen.add(item)) {
            return false;
          }
        }
      }
      return true;
    }

    private boolean string(String s) {
      // UTF-16 units are never fewer than code points: a string within maxLength here is
      // within it by any count; one that is only within it counted in code points is left out.
      if (maxLength >= 0 && s.length() > maxLength) {
        return false;
      }
      if (minLength >= 0 && s.codePointCount(0, s.length()) < minLength) {
        return false;
      }
      return pattern == null || pattern.matcher(s).find();
    }

    private boolean number(JsonNode n) {
      if (minimum == null && maximum == null) {
        return true;
      }
      BigDecimal v;
      if (n.isIntegralNumber() && n.canConvertToLong()) {
        v = BigDecimal.valueOf(n.asLong());
      } else if (n.isFloatingPointNumber() && !Double.isFinite(n.asDouble())) {
        return false;
      } else {
        v = n.decimalValue();
      }
      return (minimum == null || v.compareTo(minimum) >= 0)
          && (maximum == null || v.compareTo(maximum) <= 0);
    }
  }

  /** Equal as JSON values, except that numbers must be integers of one value to count. */
  private static boolean same(JsonNode expected, JsonNode n) {
    if (expected.isNumber()) {
      return n.isIntegralNumber()
          && expected.isIntegralNumber()
          && n.canConvertToLong()
          && expected.canConvertToLong()
          && n.asLong() == expected.asLong();
    }
    if (expected.isString()) {
      return n.isString() && n.asString().equals(expected.asString());
    }
    return !holdsNumber(n) && expected.equals(n);
  }

  private static boolean holdsNumber(JsonNode n) {
    if (n.isNumber()) {
      return true;
    }
    if (n.isContainer()) {
      for (JsonNode child : n.values()) {
        if (holdsNumber(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Turns schema nodes into rules. */
  private static final class Compiler {
    private final JsonNode defs;
    private final Map<String, Rule> compiledDefs = new HashMap<>();
    private final List<Ref> refs = new ArrayList<>();

    Compiler(JsonNode defs) {
      this.defs = defs;
    }

    Rule rule(JsonNode s, String at) {
      if (s.isBoolean()) {
        return s.asBoolean() ? ALWAYS : NEVER;
      }
      if (!s.isObject()) {
        throw unsupported(at, "a schema that is neither an object nor a boolean");
      }
      if (s.has("$ref")) {
        for (String k : s.propertyNames()) {
          if (!k.equals("$ref") && !ANNOTATIONS.contains(k)) {
            throw unsupported(at, "$ref beside '" + k + "'");
          }
        }
        String ref = s.get("$ref").asString();
        if (!ref.startsWith("#/$defs/") || ref.indexOf('/', 8) >= 0) {
          throw unsupported(at, "the reference " + ref);
        }
        Ref r = new Ref(ref.substring(8));
        refs.add(r);
        return r;
      }
      Keywords k = new Keywords();
      for (Map.Entry<String, JsonNode> e : s.properties()) {
        String key = e.getKey();
        JsonNode v = e.getValue();
        String here = at + "/" + key;
        switch (key) {
          case "type" -> k.types = types(v, here);
          case "const" -> k.constant = v;
          case "enum" -> k.choices = list(v, here);
          case "properties" -> {
            k.properties = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> p : v.properties()) {
              k.properties.put(p.getKey(), rule(p.getValue(), here + "/" + p.getKey()));
            }
          }
          case "additionalProperties" -> k.additional = rule(v, here);
          case "required" ->
              k.required = list(v, here).stream().map(JsonNode::asString).toArray(String[]::new);
          case "propertyNames" -> k.propertyNames = rule(v, here);
          case "maxProperties" -> k.maxProperties = count(v, here);
          case "items" -> k.items = rule(v, here);
          case "maxItems" -> k.maxItems = count(v, here);
          case "uniqueItems" -> k.uniqueItems = v.asBoolean();
          case "minLength" -> k.minLength = count(v, here);
          case "maxLength" -> k.maxLength = count(v, here);
          case "pattern" -> k.pattern = pattern(v.asString());
          case "minimum" -> k.minimum = v.decimalValue();
          case "maximum" -> k.maximum = v.decimalValue();
          case "allOf" -> {
            k.all = new ArrayList<>();
            int i = 0;
            for (JsonNode sub : list(v, here)) {
              k.all.add(rule(sub, here + "/" + i++));
            }
          }
          case "if" -> k.condition = rule(v, here);
          case "then" -> k.then = rule(v, here);
          case "$defs" -> {
            if (!at.equals("#")) {
              throw unsupported(here, "definitions below the root");
            }
          }
          default -> {
            if (!ANNOTATIONS.contains(key)) {
              throw unsupported(here, "the keyword '" + key + "'");
            }
          }
        }
      }
      if ((k.condition == null) != (k.then == null)) {
        throw unsupported(at, "'if' without 'then' or 'then' without 'if'");
      }
      return k;
    }

    /** Points every reference at its compiled definition. */
    void resolve() {
      for (int i = 0; i < refs.size(); i++) {
        Ref r = refs.get(i);
        Rule target = compiledDefs.get(r.name);
        if (target == null) {
          JsonNode def = defs == null ? null : defs.get(r.name);
          if (def == null) {
            throw new IllegalArgumentException("no definition named '" + r.name + "'");
          }
          target = rule(def, "#/$defs/" + r.name);
          compiledDefs.put(r.name, target);
        }
        r.target = target;
      }
    }

    private static int types(JsonNode v, String at) {
      List<JsonNode> names = v.isArray() ? list(v, at) : List.of(v);
      int out = 0;
      for (JsonNode n : names) {
        Integer bit = n.isString() ? TYPES.get(n.asString()) : null;
        if (bit == null) {
          throw unsupported(at, "the type " + n);
        }
        out |= bit;
      }
      if (out == 0) {
        throw unsupported(at, "an empty list of types");
      }
      return out;
    }

    private static List<JsonNode> list(JsonNode v, String at) {
      if (!v.isArray()) {
        throw unsupported(at, "a value that is not an array");
      }
      List<JsonNode> out = new ArrayList<>();
      v.forEach(out::add);
      return out;
    }

    private static int count(JsonNode v, String at) {
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
        throw unsupported(at, "the count " + v);
      }
      return v.asInt();
    }

    /** The pattern, with a final {@code $} that matches only at the very end of the string. */
    private static Pattern pattern(String regex) {
      String strict =
          regex.endsWith("$") && !regex.endsWith("\\$")
              ? regex.substring(0, regex.length() - 1) + "\\z"
              : regex;
      return Pattern.compile(strict);
    }

    private static IllegalArgumentException unsupported(String at, String what) {
      return new IllegalArgumentException(
          "the quick schema check does not know " + what + " (at " + at + ")");
    }
  }
}
