package org.shimwatch.server.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
      components.addExamples(
          name,
          new Example()
              .summary(name.replace('-', ' '))
              .value(ReportJson.mapper().readTree(ReportExamples.text(name))));
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

  /** Marks the ingest endpoint as needing the key and secret, and attaches the examples. */
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
      var media = new io.swagger.v3.oas.models.media.MediaType();
      media.schema(
          new io.swagger.v3.oas.models.media.Schema<Object>().$ref("#/components/schemas/Report"));
      for (String name : ReportExamples.NAMES) {
        media.addExamples(name, new Example().$ref("#/components/examples/" + name));
      }
      post.requestBody(
          new io.swagger.v3.oas.models.parameters.RequestBody()
              .required(true)
              .description("A report, contract v1 (report-v1.schema.json); may be gzip-encoded")
              .content(
                  new io.swagger.v3.oas.models.media.Content()
                      .addMediaType("application/json", media)));
    };
  }
}
