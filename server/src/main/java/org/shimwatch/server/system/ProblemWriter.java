package org.shimwatch.server.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem document straight to a response, for refusals made before Spring MVC runs: the
 * security filters and Tomcat itself.
 */
public final class ProblemWriter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemWriter() {}

  public static void write(HttpServletResponse response, int status, String reason, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    byte[] body = body(status, reason, detail);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  static byte[] body(int status, String reason, String detail) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "urn:shimwatch:problem:" + reason);
    p.put("title", title(status));
    p.put("status", status);
    p.put("detail", detail);
    p.put("reason", reason);
    return JSON.writeValueAsBytes(p);
  }

  private static String title(int status) {
    var s = org.springframework.http.HttpStatus.resolve(status);
    return s == null ? "Error" : s.getReasonPhrase();
  }
}
