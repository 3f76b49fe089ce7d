package org.shimwatch.server.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.NotFound;
import org.shimwatch.web.TooLarge;
import org.shimwatch.web.check.CheckAnswer;
import org.shimwatch.web.check.CheckInput;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Will it work on my setup?" as JSON: the same answer as the check page, for {@code shimwatch
 * check} and scripts. Public, and nothing of the question is stored or logged.
 *
 * <p>The body is an object with any of: {@code pasted} (artefact text), {@code platform}, {@code
 * stack}, {@code fixes} (a string, or an array of strings), {@code client}, {@code clientVersion},
 * and {@code environment} (the report contract's environment object).
 */
@RestController
class CheckController {

  /** Largest body: the paste's limit in characters, a little room for the rest, as UTF-8. */
  static final int MAX_BODY_CHARS = SetupReader.MAX_PASTE + 64 * 1024;

  /**
   * Reads the question: the default limits, not the report contract's (a paste is one long string,
   * longer than any field of a report); the body's size is bounded before it is read.
   */
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> FIELDS =
      Set.of("pasted", "platform", "stack", "fixes", "client", "clientVersion", "environment");

  private final CheckService checks;

  CheckController(CheckService checks) {
    this.checks = checks;
  }

  @PostMapping(
      path = "/api/v1/projects/{project}/check",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<CheckAnswer> check(
      @PathVariable String project, @RequestBody(required = false) String body) {
    CheckInput input = input(body);
    CheckAnswer answer =
        checks
            .check(project, input)
            .orElseThrow(() -> new NotFound("project-not-found", "there is no such project"));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
  }

  /** The question from the body, or a 400 (413 when too large) saying what is wrong with it. */
  static CheckInput input(String body) {
    if (body == null || body.isBlank()) {
      throw new BadQueryException(
          "nothing-to-check", "", "send a JSON object with pasted, or platform, stack and fixes");
    }
    if (body.length() > MAX_BODY_CHARS) {
      throw new TooLarge("check-too-large", "a check is at most " + MAX_BODY_CHARS + " characters");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (RuntimeException e) {
      throw new BadQueryException("invalid-json", "", "the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new BadQueryException("invalid-json", "", "the body is not a JSON object");
    }
    for (String name : root.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new BadQueryException(
            "unknown-field", "/" + name, "unknown field " + name + "; the fields are " + FIELDS);
      }
    }
    JsonNode env = root.get("environment");
    String environment = null;
    if (env != null && !env.isNull()) {
      if (!env.isObject()) {
        throw new BadQueryException(
            "invalid-environment", "/environment", "environment is the contract's object");
      }
      environment = env.toString();
    }
    return new CheckInput(
        text(root, "pasted"),
        text(root, "platform"),
        text(root, "stack"),
        fixes(root.get("fixes")),
        text(root, "client"),
        text(root, "clientVersion"),
        environment);
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      throw new BadQueryException("invalid-field", "/" + field, field + " is a string");
    }
    return n.asString();
  }

  private static String fixes(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isString()) {
      return n.asString();
    }
    if (!n.isArray()) {
      throw new BadQueryException(
          "invalid-field", "/fixes", "fixes is a string or an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode f : n) {
      if (!f.isString() || f.asString().isBlank()) {
        throw new BadQueryException("invalid-fix", "/fixes", "each fix is a non-empty string");
      }
      out.add(f.asString().strip());
    }
    return String.join(" ", out);
  }
}
