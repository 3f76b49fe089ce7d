package org.shimwatch.server.system;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API description at {@code /v3/api-docs} (browsable at {@code /swagger-ui.html}): the ingest
 * key as an {@code apiKey} scheme, and the contract's example reports as request examples.
 */
@Configuration
class OpenApiConfig {

  static final String INGEST_KEY_SCHEME = "ingestKey";

  @Bean
  OpenAPI shimwatchOpenApi() {
    Components components =
        new Components()
            .addSecuritySchemes(
                INGEST_KEY_SCHEME,
                new SecurityScheme()
                    .type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER)
                    .name(IngestProtocol.KEY_HEADER)
                    .description("The project's ingest key"))
            .addSecuritySchemes(
                "installationSecret",
                new SecurityScheme()
                    .type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER)
                    .name(IngestProtocol.INSTALLATION_SECRET_HEADER)
                    .description("The installation's secret, kept by the probe"))
            .addSecuritySchemes(
                "maintainer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"));
    for (String name : ReportExamples.NAMES) {
      // As plain maps and lists: the description is written by another JSON library than the
      // one the contract's classes use, which would write a parsed tree as a bean.
      components.addExamples(
          name,
          new Example()
              .summary(name.replace('-', ' '))
              .value(swaggerJson(ReportExamples.text(name), Object.class)));
    }
    return new OpenAPI()
        .info(
            new Info()
                .title("Shimwatch API")
                .version("v1")
                .description(
                    "Probes post reports (contract v1) with a project's ingest key; users delete"
                        + " what their installation sent with its secret; maintainers manage"
                        + " projects and keys."))
        .components(components);
  }

  /**
   * The contract's JSON Schema as components: {@code Report}, and each of its definitions as {@code
   * Report.<name>}, with the references between them pointed there.
   */
  static Map<String, Schema> contractSchemas() {
    String text =
        ReportValidator.schemaText().replace("\"#/$defs/", "\"#/components/schemas/Report.");
    ObjectNode root = (ObjectNode) ReportJson.mapper().readTree(text);
    JsonNode defs = root.remove("$defs");
    // A schema inside the description has no identity or dialect of its own.
    root.remove("$schema");
    root.remove("$id");
    Map<String, Schema> out = new LinkedHashMap<>();
    out.put("Report", swaggerJson(root.toString(), Schema.class));
    for (Map.Entry<String, JsonNode> d : defs.properties()) {
      out.put("Report." + d.getKey(), swaggerJson(d.getValue().toString(), Schema.class));
    }
    return out;
  }

  private static <T> T swaggerJson(String json, Class<T> type) {
    try {
      return Json31.mapper().readValue(json, type);
    } catch (IOException e) {
      throw new IllegalStateException("a built-in JSON document did not parse", e);
    }
  }

  /**
   * Marks the ingest endpoint as needing the key and secret, attaches the examples, and lists every
   * answer it gives: the receipt once committed, and a problem document with a reason code for each
   * refusal.
   */
  @Bean
  OpenApiCustomizer ingestEndpoint() {
    return api -> {
      var path = api.getPaths() == null ? null : api.getPaths().get(IngestProtocol.REPORTS_PATH);
      if (path == null || path.getPost() == null) {
        return;
      }
      var post = path.getPost();
      post.addSecurityItem(
          new io.swagger.v3.oas.models.security.SecurityRequirement()
              .addList(INGEST_KEY_SCHEME)
              .addList("installationSecret"));
      var media = new MediaType();
      media.schema(new Schema<Object>().$ref("#/components/schemas/Report"));
      for (String name : ReportExamples.NAMES) {
        media.addExamples(name, new Example().$ref("#/components/examples/" + name));
      }
      post.requestBody(
          new io.swagger.v3.oas.models.parameters.RequestBody()
              .required(true)
              .description("A report, contract v1 (report-v1.schema.json); may be gzip-encoded")
              .content(new Content().addMediaType("application/json", media)));
      // Here, not with the other components: schemas given there are replaced by the generated.
      contractSchemas().forEach(api.getComponents()::addSchemas);
      api.getComponents().addSchemas("Receipt", receiptSchema());
      api.getComponents().addSchemas("Problem", problemSchema());
      post.responses(ingestResponses());
    };
  }

  /**
   * The deletion endpoint: needs the installation's secret, and says what it removed or why it
   * removed nothing.
   */
  @Bean
  OpenApiCustomizer deletionEndpoint() {
    return api -> {
      var path =
          api.getPaths() == null ? null : api.getPaths().get(IngestProtocol.INSTALLATION_PATH);
      if (path == null || path.getDelete() == null) {
        return;
      }
      var delete = path.getDelete();
      delete
          .summary("Delete everything an installation sent")
          .description(
              "Removes every report of this installation and its personal fields, and takes them"
                  + " out of the aggregates. No account: the installation's secret, kept by its"
                  + " probe, proves ownership.")
          .addSecurityItem(
              new io.swagger.v3.oas.models.security.SecurityRequirement()
                  .addList("installationSecret"));
      ApiResponses r = delete.getResponses() == null ? new ApiResponses() : delete.getResponses();
      ApiResponse done = r.get("200") == null ? new ApiResponse() : r.get("200");
      r.addApiResponse(
          "200", done.description("Deleted: the installation id and how many reports went"));
      r.addApiResponse(
          "400", problem("The installation id is not a UUID", "invalid-installation-id"));
      r.addApiResponse(
          "401", problem("No installation secret was sent", "missing-installation-secret"));
      r.addApiResponse(
          "403",
          problem(
              "The secret is not this installation's; nothing was removed",
              "installation-secret-mismatch"));
      r.addApiResponse(
          "404",
          problem(
              "No installation with this id is stored (never sent, or deleted already)",
              "installation-not-found"));
      delete.responses(r);
      api.getComponents().addSchemas("Problem", problemSchema());
    };
  }

  private static ApiResponses ingestResponses() {
    ApiResponses r = new ApiResponses();
    r.addApiResponse(
        "202",
        receipt(
            "Committed: the report is stored, and this receipt says under which id and when",
            false));
    r.addApiResponse(
        "200",
        receipt(
            "This report id was stored before: the original receipt; no second copy was made",
            true));
    r.addApiResponse(
        "400",
        problem(
            "Not a valid contract v1 report (reason malformed-json or invalid-report, with every"
                + " offending JSON pointer under violations), or the installation secret is"
                + " missing or malformed (missing-installation-secret)",
            "invalid-report"));
    r.addApiResponse(
        "401", problem("No ingest key (missing-key), or one that is not known", "unknown-key"));
    r.addApiResponse(
        "403",
        problem(
            "The ingest key was revoked (revoked-key) or belongs to another project"
                + " (wrong-project), or the installation secret does not match the one this"
                + " installation first sent (installation-secret-mismatch)",
            "revoked-key"));
    r.addApiResponse(
        "413",
        problem(
            "The body, or its gzip inflation, is over the size limit (256 KiB unless configured)",
            "too-large"));
    r.addApiResponse(
        "415",
        problem(
            "Not application/json in UTF-8 (unsupported-media-type), or a Content-Encoding"
                + " other than gzip (unsupported-content-encoding)",
            "unsupported-media-type"));
    ApiResponse limited =
        problem(
            "This ingest key or this installation is sending too fast; Retry-After says when to"
                + " try again",
            "rate-limited");
    limited.addHeaderObject(
        "Retry-After",
        new Header()
            .description("Seconds to wait before sending again")
            .schema(new IntegerSchema()));
    r.addApiResponse("429", limited);
    return r;
  }

  private static ApiResponse receipt(String description, boolean duplicate) {
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("reportId", "0193a1b2-5c3d-7e4f-8a9b-0c1d2e3f4a5b");
    example.put("receivedAt", "2026-11-26T09:14:03.512Z");
    example.put("duplicate", duplicate);
    return answer(description, "application/json", "Receipt", example);
  }

  private static ApiResponse problem(String description, String reason) {
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("type", "urn:shimwatch:problem:" + reason);
    example.put("reason", reason);
    return answer(description, "application/problem+json", "Problem", example);
  }

  /** An answer whose body is the named component schema, with an example. */
  private static ApiResponse answer(
      String description, String mediaType, String schema, Map<String, Object> example) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    mediaType,
                    new MediaType()
                        .schema(new Schema<Object>().$ref("#/components/schemas/" + schema))
                        .example(example)));
  }

  private static Schema<?> receiptSchema() {
    return new ObjectSchema()
        .description("What the server answers once a report is committed")
        .addProperty("reportId", new StringSchema().format("uuid").description("The report's id"))
        .addProperty(
            "receivedAt",
            new StringSchema().format("date-time").description("When it was first stored"))
        .addProperty(
            "duplicate",
            new BooleanSchema().description("Whether this answers a report stored earlier"))
        .required(java.util.List.of("reportId", "receivedAt", "duplicate"));
  }

  private static Schema<?> problemSchema() {
    Schema<?> violation =
        new ObjectSchema()
            .addProperty("pointer", new StringSchema().description("JSON pointer into the report"))
            .addProperty("reason", new StringSchema().description("Reason code of this violation"))
            .addProperty("message", new StringSchema());
    return new ObjectSchema()
        .description("RFC 9457 problem document")
        .addProperty("type", new StringSchema().description("urn:shimwatch:problem:<reason>"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("reason", new StringSchema().description("Machine-readable reason code"))
        .addProperty("violations", new ArraySchema().items(violation));
  }
}
