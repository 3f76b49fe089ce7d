package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.IngestProtocol;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario 6: bad input against the running server jar. Reports that break the contract (each an
 * example with one thing wrong) and hostile HTTP over raw sockets (slow and truncated bodies,
 * broken gzip, huge headers, wrong methods, lying or malformed lengths, broken chunking, garbage
 * request lines). Counted: answers by class; 5xx must be 0, and the database must be exactly as
 * before.
 */
@Order(6)
class BadInputE2E {

  private static final String SECRET = "e2e-hostile-installation-secret-0001";
  private static final String HTTP_7 = "HTTP/7.0";

  /** One request's outcome: its name and the status, or 0 when the server closed without one. */
  record Answer(String name, int status) {}

  @Test
  void badInputGetsNo5xxAndChangesNoRow() throws Exception {
    ServerProcess server = ServerProcess.sharedStopped();
    Map<String, String> before = snapshot(server);
    server.start();
    List<Answer> answers = new ArrayList<>();
    try {
      for (Map.Entry<String, byte[]> c : contractCorpus().entrySet()) {
        answers.add(new Answer("contract: " + c.getKey(), post(server, c.getValue(), "", null)));
      }
      answers.addAll(hostile(server));
      assertThat(server.get("/actuator/health", false).statusCode())
          .as("still healthy after the barrage")
          .isEqualTo(200);
    } finally {
      server.stop();
    }
    Map<String, String> after = snapshot(server);
    List<String> changed = new ArrayList<>();
    for (String table : after.keySet()) {
      if (!after.get(table).equals(before.get(table))) {
        changed.add(table + " " + before.get(table) + " -> " + after.get(table));
      }
    }
    StringBuilder detail = new StringBuilder("E2E bad-input answers:");
    answers.forEach(
        a -> detail.append(" [").append(a.name()).append(' ').append(a.status()).append(']'));
    System.out.println(detail);
    Map<String, Integer> byClass = new TreeMap<>();
    List<String> fiveHundreds = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    int versionNotSupported = 0;
    for (Answer a : answers) {
      String cls = a.status() == 0 ? "closed" : (a.status() / 100) + "xx";
      byClass.merge(cls, 1, Integer::sum);
      // 505 is what HTTP prescribes for a protocol version the server does not speak; Tomcat
      // answers it before the application sees the request. It is counted apart, not hidden.
      if (a.status() == 505 && a.name().equals(HTTP_7)) {
        versionNotSupported++;
      } else if (a.status() >= 500) {
        fiveHundreds.add(a.name() + " -> " + a.status());
      }
      // OPTIONS answers 200 with the allowed methods; it stores nothing.
      if (a.status() >= 200 && a.status() < 300 && !a.name().startsWith("OPTIONS ")) {
        accepted.add(a.name() + " -> " + a.status());
      }
    }
    E2e.figures(
        "bad-input",
        E2e.map(
            "requests",
            answers.size(),
            "answers",
            byClass.toString().replace(" ", ""),
            "5xx",
            fiveHundreds.size(),
            "505ToHttp7",
            versionNotSupported,
            "rowsChanged",
            changed.size()));
    assertThat(fiveHundreds).isEmpty();
    assertThat(accepted).isEmpty();
    assertThat(changed).isEmpty();
    assertThat(answers.size()).isGreaterThanOrEqualTo(50);
  }

  // --- the contract's invalid documents ------------------------------------------------------

  private static Map<String, byte[]> contractCorpus() {
    Map<String, byte[]> c = new TreeMap<>();
    String linux = "linux-aria2c-works";
    String os2 = "os2-bittorrent-trap-tcpip32";
    bad(c, "schema version 2", linux, r -> r.put("schemaVersion", 2));
    bad(c, "schema version as text", linux, r -> r.put("schemaVersion", "1"));
    bad(c, "no report id", linux, r -> r.remove("reportId"));
    bad(c, "report id not a UUID", linux, r -> r.put("reportId", "42"));
    bad(c, "installation id a number", linux, r -> r.put("installationId", 7));
    bad(c, "consent level 0", linux, r -> r.put("consentLevel", 0));
    bad(c, "consent level 9", linux, r -> r.put("consentLevel", 9));
    bad(c, "metrics at level 1", linux, r -> r.put("consentLevel", 1));
    bad(c, "trap frames at level 2", os2, r -> r.put("consentLevel", 2));
    bad(c, "no created time", linux, r -> r.remove("createdAt"));
    bad(c, "created time in words", linux, r -> r.put("createdAt", "last Tuesday"));
    bad(c, "unknown outcome", linux, r -> r.put("outcome", "exploded"));
    bad(c, "comment over 4000", linux, r -> r.put("comment", "y".repeat(4001)));
    bad(c, "unknown top-level field", linux, r -> r.put("clientAddress", E2e.PLANTED_IPS.get(0)));
    bad(c, "no environment", linux, r -> r.remove("environment"));
    bad(c, "markup client name", linux, r -> obj(r, "/environment/client").put("name", "<b>x</b>"));
    bad(c, "statement version", linux, r -> obj(r, "/environment/client").put("version", "1';--"));
    bad(
        c,
        "unknown install mode",
        linux,
        r -> obj(r, "/environment/shim").put("installMode", "gpo"));
    bad(c, "fixes not a list", linux, r -> obj(r, "/environment").put("fixes", "libc6"));
    bad(c, "negative count", linux, r -> obj(r, "/metrics/calls/epoll_wait").put("count", -3));
    bad(
        c,
        "unknown call kind",
        linux,
        r -> obj(r, "/metrics/calls").set("read", obj(r, "/metrics/calls/epoll_wait").deepCopy()));
    bad(
        c,
        "bucket index 720",
        linux,
        r -> obj(r, "/metrics/calls/epoll_wait/latency/buckets").put("720", 1));
    bad(
        c,
        "bucket count zero",
        linux,
        r -> obj(r, "/metrics/calls/epoll_wait/latency/buckets").put("150", 0));
    bad(
        c,
        "bucket key not a number",
        linux,
        r -> obj(r, "/metrics/calls/epoll_wait/latency/buckets").put("x", 1));
    bad(c, "fractional count", linux, r -> obj(r, "/metrics/calls/epoll_wait").put("count", 1.5));
    bad(c, "markup register", os2, r -> obj(r, "/traps/0/registers").put("EAX", "<i>0</i>"));
    bad(
        c,
        "65 frames",
        os2,
        r -> {
          ArrayNode frames = (ArrayNode) r.at("/traps/0/frames");
          while (frames.size() <= 64) {
            frames.add(frames.get(0).deepCopy());
          }
        });
    c.put("not JSON", "{\"schemaVersion\":".getBytes(StandardCharsets.UTF_8));
    c.put("JSON array", "[]".getBytes(StandardCharsets.UTF_8));
    c.put("empty", new byte[0]);
    c.put(
        "deep nesting",
        ("{\"comment\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")
            .getBytes(StandardCharsets.UTF_8));
    c.put(
        "NaN",
        good(linux)
            .toString()
            .replace("\"maxNs\":1003211", "\"maxNs\":NaN")
            .getBytes(StandardCharsets.UTF_8));
    byte[] invalidUtf8 =
        good(linux).toString().replace("no stalls", "no st@@lls").getBytes(StandardCharsets.UTF_8);
    int at = new String(invalidUtf8, StandardCharsets.ISO_8859_1).indexOf("@@");
    invalidUtf8[at] = (byte) 0xC3;
    invalidUtf8[at + 1] = (byte) 0x28;
    c.put("invalid UTF-8", invalidUtf8);
    return c;
  }

  private static void bad(
      Map<String, byte[]> c, String name, String example, Consumer<ObjectNode> change) {
    ObjectNode r = good(example);
    change.accept(r);
    c.put(name, ReportJson.mapper().writeValueAsString(r).getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode good(String example) {
    ObjectNode r = (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text(example));
    r.put("reportId", UUID.randomUUID().toString());
    r.put("installationId", UUID.randomUUID().toString());
    return r;
  }

  private static ObjectNode obj(ObjectNode root, String pointer) {
    return (ObjectNode) root.at(pointer);
  }

  // --- hostile HTTP --------------------------------------------------------------------------

  private List<Answer> hostile(ServerProcess s) throws Exception {
    List<Answer> a = new ArrayList<>();
    String path = IngestProtocol.reportsPath("default");
    byte[] good = ReportJson.mapper().writeValueAsBytes(good("linux-aria2c-works"));
    a.add(new Answer("slow body, never finished", slowBody(s, path, 3_000)));
    a.add(
        new Answer(
            "body shorter than its length",
            raw(
                s,
                head("POST", path, "application/json", "Content-Length: " + (good.length + 500)),
                Arrays.copyOf(good, good.length),
                true)));
    a.add(
        new Answer(
            "truncated gzip",
            post(
                s,
                Arrays.copyOf(gzip(good), gzip(good).length / 2),
                "Content-Encoding: gzip\r\n",
                null)));
    a.add(
        new Answer(
            "gzip of garbage",
            post(s, gzip(new byte[] {1, 2, 3}), "Content-Encoding: gzip\r\n", null)));
    a.add(
        new Answer(
            "gzip bomb",
            post(s, gzip(new byte[24 * 1024 * 1024]), "Content-Encoding: gzip\r\n", null)));
    a.add(
        new Answer("gzip header on plain JSON", post(s, good, "Content-Encoding: gzip\r\n", null)));
    a.add(new Answer("unknown content encoding", post(s, good, "Content-Encoding: br\r\n", null)));
    a.add(
        new Answer(
            "64 KiB header", post(s, good, "X-Padding: " + "p".repeat(64 * 1024) + "\r\n", null)));
    a.add(new Answer("2,000 headers", post(s, good, "X-H: 1\r\n".repeat(2000), null)));
    a.add(
        new Answer(
            "100 KiB URI",
            raw(
                s,
                ("GET /api/v1/projects/default/matrix?x="
                        + "a".repeat(100 * 1024)
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
                new byte[0],
                false)));
    for (String method :
        List.of("GET", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "BREW")) {
      a.add(
          new Answer(
              method + " on the ingest path",
              raw(
                  s,
                  head(method, path, "application/json", "Content-Length: " + good.length),
                  good,
                  false)));
    }
    a.add(
        new Answer(
            "POST to the matrix",
            raw(
                s,
                head(
                    "POST",
                    "/api/v1/projects/default/matrix",
                    "application/json",
                    "Content-Length: 2"),
                "{}".getBytes(StandardCharsets.UTF_8),
                false)));
    a.add(
        new Answer(
            "DELETE a project without a maintainer",
            raw(
                s,
                head(
                    "DELETE",
                    "/api/v1/admin/projects/default/keys/1",
                    "application/json",
                    "Content-Length: 0"),
                new byte[0],
                false)));
    a.add(
        new Answer(
            "negative length",
            raw(s, head("POST", path, "application/json", "Content-Length: -1"), good, false)));
    a.add(
        new Answer(
            "length in words",
            raw(s, head("POST", path, "application/json", "Content-Length: lots"), good, false)));
    a.add(
        new Answer(
            "two different lengths",
            raw(
                s,
                head(
                    "POST",
                    path,
                    "application/json",
                    "Content-Length: 10\r\nContent-Length: " + good.length),
                good,
                false)));
    a.add(
        new Answer(
            "length beyond 2^63",
            raw(
                s,
                head("POST", path, "application/json", "Content-Length: 99999999999999999999999"),
                good,
                false)));
    a.add(
        new Answer(
            "10 GiB announced, 100-continue",
            raw(
                s,
                head(
                    "POST",
                    path,
                    "application/json",
                    "Content-Length: 10737418240\r\nExpect: 100-continue"),
                new byte[0],
                false)));
    a.add(
        new Answer(
            "broken chunk size",
            raw(
                s,
                head("POST", path, "application/json", "Transfer-Encoding: chunked"),
                "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                false)));
    a.add(
        new Answer(
            "chunked and a length",
            raw(
                s,
                head(
                    "POST",
                    path,
                    "application/json",
                    "Transfer-Encoding: chunked\r\nContent-Length: 5"),
                "2\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                false)));
    a.add(
        new Answer(
            "chunk bigger than sent",
            raw(
                s,
                head("POST", path, "application/json", "Transfer-Encoding: chunked"),
                "ffff\r\n{}".getBytes(StandardCharsets.US_ASCII),
                true)));
    a.add(
        new Answer(
            "garbage request line",
            raw(s, "HELLO THERE\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[0], false)));
    a.add(
        new Answer(
            "HTTP/0.9",
            raw(s, "GET /\r\n".getBytes(StandardCharsets.US_ASCII), new byte[0], false)));
    a.add(
        new Answer(
            HTTP_7,
            raw(
                s,
                "GET / HTTP/7.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                new byte[0],
                false)));
    a.add(
        new Answer(
            "NUL in a header",
            raw(
                s,
                head(
                    "POST",
                    path,
                    "application/json",
                    "X-Evil: a\u0000b\r\nContent-Length: " + good.length),
                good,
                false)));
    a.add(
        new Answer(
            "line feeds only",
            raw(
                s,
                ("POST "
                        + path
                        + " HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: 2\n\n{}")
                    .getBytes(StandardCharsets.US_ASCII),
                new byte[0],
                false)));
    a.add(new Answer("text/plain", post(s, good, "", "text/plain")));
    a.add(new Answer("no content type", post(s, good, "", "")));
    a.add(new Answer("multipart", post(s, good, "", "multipart/form-data; boundary=x")));
    a.add(
        new Answer(
            "wrong key",
            rawPost(
                s,
                path,
                good,
                "Shimwatch-Key: swk_wrong_key_000000000000\r\n"
                    + IngestProtocol.INSTALLATION_SECRET_HEADER
                    + ": "
                    + SECRET
                    + "\r\n")));
    a.add(
        new Answer(
            "no key",
            rawPost(
                s,
                path,
                good,
                IngestProtocol.INSTALLATION_SECRET_HEADER + ": " + SECRET + "\r\n")));
    a.add(
        new Answer(
            "no secret",
            rawPost(s, path, good, IngestProtocol.KEY_HEADER + ": " + E2e.KEY + "\r\n")));
    a.add(
        new Answer(
            "unknown project", rawPost(s, IngestProtocol.reportsPath("nope"), good, keyHeaders())));
    a.add(
        new Answer(
            "path traversal project",
            rawPost(s, "/api/v1/projects/..%2F..%2Fadmin/reports", good, keyHeaders())));
    a.add(
        new Answer(
            "admin with a wrong password",
            raw(
                s,
                ("GET /api/v1/admin/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YWRtaW46d3Jvbmc=\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
                new byte[0],
                false)));
    a.add(
        new Answer(
            "admin with broken basic",
            raw(
                s,
                ("GET /api/v1/admin/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Basic !!!\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
                new byte[0],
                false)));
    a.add(
        new Answer(
            "deletion of a non-UUID",
            raw(
                s,
                head(
                    "DELETE", "/api/v1/installations/%00", "application/json", "Content-Length: 0"),
                new byte[0],
                false)));
    return a;
  }

  private static String keyHeaders() {
    return IngestProtocol.KEY_HEADER
        + ": "
        + E2e.KEY
        + "\r\n"
        + IngestProtocol.INSTALLATION_SECRET_HEADER
        + ": "
        + SECRET
        + "\r\n";
  }

  private static byte[] head(String method, String path, String type, String extra) {
    return (method
            + " "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + type
            + "\r\n"
            + keyHeaders()
            + "X-Forwarded-For: "
            + E2e.PLANTED_IPS.get(2)
            + "\r\nConnection: close\r\n"
            + extra
            + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A POST of the given body with the given extra header lines and content type. */
  private static int post(ServerProcess s, byte[] body, String extraHeaders, String type)
      throws IOException {
    String path = IngestProtocol.reportsPath("default");
    StringBuilder h = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    String t = type == null ? "application/json" : type;
    if (!t.isEmpty()) {
      h.append("Content-Type: ").append(t).append("\r\n");
    }
    h.append(keyHeaders())
        .append("X-Forwarded-For: ")
        .append(E2e.PLANTED_IPS.get(2))
        .append("\r\nConnection: close\r\n")
        .append(extraHeaders)
        .append("Content-Length: ")
        .append(body.length)
        .append("\r\n\r\n");
    return raw(s, h.toString().getBytes(StandardCharsets.ISO_8859_1), body, false);
  }

  private static int rawPost(ServerProcess s, String path, byte[] body, String headers)
      throws IOException {
    String h =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + headers
            + "Connection: close\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    return raw(s, h.getBytes(StandardCharsets.ISO_8859_1), body, false);
  }

  /**
   * Sends bytes on a fresh connection and reads the status of the first answer (0 when the server
   * closes without one). With {@code halfClose}, the sending side is shut after the bytes, as a
   * client that gave up would.
   */
  private static int raw(ServerProcess s, byte[] head, byte[] body, boolean halfClose)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head);
        out.write(body);
        out.flush();
        if (halfClose) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // The server may close as soon as it has seen enough; read what it said.
      }
      return status(socket.getInputStream());
    }
  }

  /** Headers, then a body trickled a byte at a time and abandoned half way. */
  private static int slowBody(ServerProcess s, String path, long millis) throws IOException {
    byte[] body = ReportJson.mapper().writeValueAsBytes(good("linux-aria2c-works"));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head("POST", path, "application/json", "Content-Length: " + body.length));
      long end = System.nanoTime() + millis * 1_000_000;
      for (int i = 0; i < body.length / 2 && System.nanoTime() < end; i++) {
        out.write(body[i]);
        out.flush();
        ServerProcess.sleep(50);
      }
      socket.shutdownOutput();
      return status(socket.getInputStream());
    } catch (IOException e) {
      return 0;
    }
  }

  private static int status(InputStream in) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) != -1 && b != '\n' && line.size() < 200) {
        line.write(b);
      }
    } catch (SocketTimeoutException e) {
      return 0;
    } catch (IOException e) {
      // Reset by the server: no answer.
    }
    String l = line.toString(StandardCharsets.ISO_8859_1);
    if (l.startsWith("HTTP/") && l.length() >= 12) {
      try {
        int status = Integer.parseInt(l.substring(9, 12));
        if (status == 100) {
          return status(in);
        }
        return status;
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  // --- the database, whole ------------------------------------------------------------------

  /** Every table's row count and a digest of all its rows, read from the stopped server's file. */
  static Map<String, String> snapshot(ServerProcess server) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Connection c = server.database()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String t : tables) {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT * FROM \"" + t + "\"")) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              row.append(rs.getObject(i)).append('\u0000');
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        rows.forEach(r -> d.update(r.getBytes(StandardCharsets.UTF_8)));
        out.put(t, rows.size() + " rows " + HexFormat.of().formatHex(d.digest()).substring(0, 12));
      }
    }
    return out;
  }
}
