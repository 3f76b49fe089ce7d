package org.shimwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile and broken requests against the running server: every one gets a 4xx with a problem
 * document, none a 5xx, and the database is exactly as it was after all of them.
 */
class BadRequestCorpusIntegrationTests extends ServerTestSupport {

  /** One bad request: what to send and which 4xx it must get. */
  record Bad(String name, int expected, HttpRequest request) {}

  @Test
  void everyBadRequestGetsA4xxAndChangesNothing() throws Exception {
    // A known good report first, so that "unchanged" covers existing rows too.
    assertThat(postReport(freshReport("linux-aria2c-works").toString()).statusCode())
        .isEqualTo(202);
    String before = snapshot();
    List<Bad> corpus = corpus();

    List<String> wrong = new ArrayList<>();
    for (Bad b : corpus) {
      HttpResponse<String> r;
      try {
        r = http.send(b.request(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        wrong.add(b.name() + " -> connection failed: " + e);
        continue;
      }
      boolean problemJson =
          r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
              || r.statusCode() == 400 && r.body().isEmpty();
      if (r.statusCode() != b.expected() || !problemJson || r.body().contains("Exception")) {
        wrong.add(b.name() + " -> " + r.statusCode() + " " + r.body());
      }
    }

    // A well-behaved client asks before sending a large body, and hears 413 before sending it.
    // (Java 17's HttpClient cannot wait for a final answer to Expect: 100-continue, so a socket.)
    String tenMiB = rawStatusLine(10 * 1024 * 1024);
    if (!tenMiB.startsWith("HTTP/1.1 413")) {
      wrong.add("10 MiB body announced with Expect: 100-continue -> " + tenMiB);
    }

    assertThat(corpus.size() + 1).isGreaterThanOrEqualTo(40);
    assertThat(wrong).isEmpty();
    assertThat(snapshot()).isEqualTo(before);
  }

  private List<Bad> corpus() throws Exception {
    List<Bad> c = new ArrayList<>();
    c.add(post("malformed JSON", 400, "{\"schemaVersion\": 1,"));
    c.add(post("empty body", 400, ""));
    c.add(post("JSON null", 400, "null"));
    c.add(post("JSON array", 400, "[]"));
    c.add(post("JSON string", 400, "\"works\""));
    c.add(post("trailing garbage", 400, good().toString() + " trailing"));
    c.add(
        post(
            "duplicate keys",
            400,
            good().toString().replaceFirst("\\{", "{\"outcome\":\"works\",")));
    c.add(changed("consent level as words", 400, r -> r.put("consentLevel", "two")));
    c.add(changed("outcome as a number", 400, r -> r.put("outcome", 3)));
    c.add(changed("created time as a number", 400, r -> r.put("createdAt", 1732550000)));
    c.add(changed("future schema version", 400, r -> r.put("schemaVersion", 2)));
    c.add(changed("metrics at level 1", 400, r -> r.put("consentLevel", 1)));
    c.add(
        changed(
            "negative latency",
            400,
            r -> obj(r, "/metrics/calls/epoll_wait/latency").put("maxNs", -5)));
    c.add(
        changed(
            "negative bucket count",
            400,
            r -> obj(r, "/metrics/calls/epoll_wait/latency/buckets").put("166", -1)));
    c.add(
        changed(
            "negative call count", 400, r -> obj(r, "/metrics/calls/epoll_wait").put("count", -1)));
    c.add(
        post("NaN latency", 400, good().toString().replace("\"maxNs\":1003211", "\"maxNs\":NaN")));
    c.add(
        post(
            "Infinity latency",
            400,
            good().toString().replace("\"maxNs\":1003211", "\"maxNs\":Infinity")));
    c.add(
        post(
            "number too large",
            400,
            good().toString().replace("\"maxNs\":1003211", "\"maxNs\":1e400")));
    c.add(
        post(
            "number with 5000 digits",
            400,
            good().toString().replace("\"maxNs\":1003211", "\"maxNs\":" + "9".repeat(5000))));
    c.add(
        post(
            "deep nesting",
            400,
            "{\"comment\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
    c.add(postBytes("invalid UTF-8", 400, withComment(new byte[] {(byte) 0xC3, (byte) 0x28})));
    c.add(postBytes("overlong UTF-8", 400, withComment(new byte[] {(byte) 0xC0, (byte) 0xAF})));
    c.add(postBytes("lone continuation byte", 400, withComment(new byte[] {(byte) 0x80})));
    c.add(postBytes("binary garbage", 400, randomBytes(4096)));

    c.add(gzipped("gzip bomb", 413, spaces(32 * 1024 * 1024), false));
    c.add(gzipped("truncated gzip", 400, good().toString().getBytes(StandardCharsets.UTF_8), true));
    c.add(
        new Bad(
            "gzip header over plain JSON",
            400,
            request("default", KEY)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(good().toString()))
                .build()));
    for (String field :
        List.of(
            "/environment/client/name",
            "/environment/client/version",
            "/environment/os/name",
            "/environment/os/version",
            "/environment/stack/name",
            "/environment/stack/version",
            "/environment/runtime/name",
            "/environment/shim/version")) {
      String parent = field.substring(0, field.lastIndexOf('/'));
      String leaf = field.substring(field.lastIndexOf('/') + 1);
      c.add(
          changed(
              "HTML in " + field,
              400,
              r -> obj(r, parent).put(leaf, "<img src=x onerror=alert(1)>")));
      c.add(
          changed(
              "SQL in " + field, 400, r -> obj(r, parent).put(leaf, "x'); DROP TABLE report; --")));
    }
    c.add(changed("HTML in the report id", 400, r -> r.put("reportId", "<script>")));
    c.add(changed("SQL in the installation id", 400, r -> r.put("installationId", "' OR 1=1 --")));
    c.add(changed("HTML in the outcome", 400, r -> r.put("outcome", "<b>works</b>")));
    c.add(
        changed(
            "SQL in a fix id",
            400,
            r -> obj(r, "/environment/fixes/0").put("id", "libc6'; DELETE FROM report;--")));
    c.add(
        changed(
            "HTML as an errno name",
            400,
            r -> obj(r, "/metrics/calls/epoll_wait").putObject("errors").put("<EBADF>", 1)));
    c.add(changed("unknown field", 400, r -> r.put("clientIp", "203.0.113.9")));
    c.add(
        new Bad(
            "no content type",
            415,
            baseRequest("default", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(good().toString()))
                .build()));
    c.add(
        new Bad(
            "form content type",
            415,
            baseRequest("default", KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b"))
                .build()));
    c.add(
        new Bad(
            "secret with markup",
            400,
            baseRequest("default", KEY)
                .header("Content-Type", "application/json")
                .header(IngestProtocol.INSTALLATION_SECRET_HEADER, "<script>alert(1)</script>xx")
                .POST(HttpRequest.BodyPublishers.ofString(good().toString()))
                .build()));
    c.add(new Bad("GET on the ingest path", 405, request("default", KEY).GET().build()));
    c.add(
        new Bad(
            "PUT on the ingest path",
            405,
            request("default", KEY).PUT(HttpRequest.BodyPublishers.ofString("{}")).build()));
    c.add(
        new Bad(
            "key of no project",
            403,
            request("no-such-project", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(good().toString()))
                .build()));
    c.add(
        new Bad(
            "huge header",
            400,
            request("default", KEY)
                .header("X-Padding", "p".repeat(20_000))
                .POST(HttpRequest.BodyPublishers.ofString(good().toString()))
                .build()));
    c.add(
        new Bad(
            "deletion of a non-UUID",
            400,
            HttpRequest.newBuilder(uri("/api/v1/installations/not-a-uuid"))
                .header(IngestProtocol.INSTALLATION_SECRET_HEADER, SECRET)
                .DELETE()
                .build()));
    c.add(
        new Bad(
            "deletion without a secret",
            401,
            HttpRequest.newBuilder(uri("/api/v1/installations/" + java.util.UUID.randomUUID()))
                .DELETE()
                .build()));
    c.add(
        new Bad(
            "deletion of an unknown installation",
            404,
            HttpRequest.newBuilder(uri("/api/v1/installations/" + java.util.UUID.randomUUID()))
                .header(IngestProtocol.INSTALLATION_SECRET_HEADER, SECRET)
                .DELETE()
                .build()));
    c.add(
        new Bad(
            "project creation without a maintainer",
            401,
            HttpRequest.newBuilder(uri("/api/v1/admin/projects"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"evil\"}"))
                .build()));
    c.add(
        new Bad(
            "project with markup as slug",
            400,
            HttpRequest.newBuilder(uri("/api/v1/admin/projects"))
                .header("Authorization", adminAuth())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"<script>\"}"))
                .build()));
    c.add(
        new Bad(
            "project body not JSON",
            400,
            HttpRequest.newBuilder(uri("/api/v1/admin/projects"))
                .header("Authorization", adminAuth())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{slug"))
                .build()));
    c.add(
        new Bad(
            "revoking a key id that is not a number",
            400,
            HttpRequest.newBuilder(uri("/api/v1/admin/projects/default/keys/abc"))
                .header("Authorization", adminAuth())
                .DELETE()
                .build()));
    return c;
  }

  private String rawStatusLine(int contentLength) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String head =
          "POST "
              + IngestProtocol.reportsPath("default")
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + IngestProtocol.KEY_HEADER
              + ": "
              + KEY
              + "\r\n"
              + IngestProtocol.INSTALLATION_SECRET_HEADER
              + ": "
              + SECRET
              + "\r\nContent-Length: "
              + contentLength
              + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      return line == null ? "(connection closed)" : line;
    }
  }

  /** Row counts and the full content of every table, to compare before and after. */
  private String snapshot() {
    StringBuilder sb = new StringBuilder();
    for (String table : List.of("project", "ingest_key", "installation", "report", "maintainer")) {
      sb.append(table).append(':');
      jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1")
          .forEach(row -> sb.append(row).append('\n'));
    }
    return sb.toString();
  }

  private static ObjectNode good() {
    return freshReport("linux-aria2c-works");
  }

  private static ObjectNode obj(ObjectNode root, String pointer) {
    return (ObjectNode) root.at(pointer);
  }

  private HttpRequest.Builder baseRequest(String project, String key) {
    return HttpRequest.newBuilder(uri(IngestProtocol.reportsPath(project)))
        .header(IngestProtocol.KEY_HEADER, key);
  }

  private HttpRequest.Builder request(String project, String key) {
    return reportRequest(project, key, SECRET);
  }

  private Bad post(String name, int expected, String body) {
    return new Bad(
        name,
        expected,
        request("default", KEY).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private Bad postBytes(String name, int expected, byte[] body) {
    return new Bad(
        name,
        expected,
        request("default", KEY).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private Bad changed(String name, int expected, Consumer<ObjectNode> change) {
    ObjectNode r = good();
    change.accept(r);
    return post(name, expected, r.toString());
  }

  private Bad gzipped(String name, int expected, byte[] data, boolean truncate) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    byte[] body = out.toByteArray();
    if (truncate) {
      body = Arrays.copyOf(body, body.length / 2);
    }
    return new Bad(
        name,
        expected,
        request("default", KEY)
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private static byte[] withComment(byte[] raw) {
    ObjectNode r = good();
    r.put("comment", "@@@");
    String text = ReportJson.mapper().writeValueAsString(r);
    int at = text.indexOf("@@@");
    byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] tail = text.substring(at + 3).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + raw.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(raw, 0, out, head.length, raw.length);
    System.arraycopy(tail, 0, out, head.length + raw.length, tail.length);
    return out;
  }

  private static byte[] spaces(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) ' ');
    return b;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new java.util.SplittableRandom(42).nextBytes(b);
    return b;
  }
}
