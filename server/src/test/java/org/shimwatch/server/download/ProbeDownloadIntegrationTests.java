package org.shimwatch.server.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.ServerTestSupport;

/** A visitor with only Python downloads the probe from the server. */
class ProbeDownloadIntegrationTests extends ServerTestSupport {

  @Test
  void theServerServesThePythonProbeAsItIsBuilt() throws Exception {
    byte[] built;
    try (InputStream in = getClass().getResourceAsStream(ProbeDownloadController.RESOURCE)) {
      built = in.readAllBytes();
    }
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(uri("/probe/shimwatch_probe.py")).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(built);
    assertThat(new String(r.body(), "UTF-8")).contains("def main(").contains("select");
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/x-python"));
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).contains("shimwatch_probe.py"));
    String etag = r.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> again =
        http.send(
            HttpRequest.newBuilder(uri("/probe/shimwatch_probe.py"))
                .header("If-None-Match", etag)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    HttpResponse<byte[]> stale =
        http.send(
            HttpRequest.newBuilder(uri("/probe/shimwatch_probe.py"))
                .header("If-None-Match", "\"something-else\"")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(stale.statusCode()).isEqualTo(200);
  }
}
