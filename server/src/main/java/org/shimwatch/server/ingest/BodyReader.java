package org.shimwatch.server.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.shimwatch.web.ReportRefused;
import org.shimwatch.web.TooLarge;
import org.shimwatch.web.UnsupportedFormat;

/**
 * Reads a request body without ever holding more than the limit: the declared length is checked
 * before reading, the stream is cut one byte past the limit, and a gzip body is inflated only up to
 * the limit, so a small compressed body cannot expand into gigabytes (a gzip bomb).
 */
final class BodyReader {

  private BodyReader() {}

  static byte[] read(HttpServletRequest request, int limit) {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    String encoding = request.getHeader("Content-Encoding");
    boolean gzip = false;
    if (encoding != null && !encoding.isBlank()) {
      String e = encoding.strip().toLowerCase(Locale.ROOT);
      if (e.equals("gzip") || e.equals("x-gzip")) {
        gzip = true;
      } else if (!e.equals("identity")) {
        throw new UnsupportedFormat(
            "unsupported-content-encoding",
            "bodies may be sent plain or with Content-Encoding: gzip, not '" + encoding + "'");
      }
    }
    try {
      byte[] raw =
          declared >= 0
              ? readDeclared(request.getInputStream(), (int) declared)
              : readAtMost(request.getInputStream(), limit);
      if (!gzip) {
        return raw;
      }
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
        return readAtMost(in, limit);
      } catch (ZipException | java.io.EOFException e) {
        throw new ReportRefused("invalid-gzip", "the gzip body is damaged or truncated");
      }
    } catch (IOException e) {
      throw new ReportRefused("unreadable-body", "the request body could not be read");
    }
  }

  /**
   * A body of a declared length (already checked against the limit) read into one array of that
   * size; one that turns out shorter or longer than declared is refused.
   */
  private static byte[] readDeclared(InputStream in, int length) throws IOException {
    byte[] body = in.readNBytes(length);
    if (body.length < length || in.read() != -1) {
      throw new ReportRefused(
          "unreadable-body", "the request body is not as long as its Content-Length says");
    }
    return body;
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
    byte[] buf = new byte[8192];
    int total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total > limit) {
        throw tooLarge(limit);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static TooLarge tooLarge(int limit) {
    return new TooLarge(
        "too-large", "a report may be at most " + limit + " bytes (after gzip inflation)");
  }
}
