package org.shimwatch.server.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the pure-Python probe ({@code shimwatch_probe.py}, from the python-probe module) to people
 * who run their clients in Python 2.3 or later, on OS/2 above all, where neither the Java probe nor
 * the preloaded shim can run. The file is read once; it is the same for every visitor, so it
 * carries a strong ETag and may be cached.
 */
@RestController
class ProbeDownloadController {

  static final String RESOURCE = "/org/shimwatch/probe/python/shimwatch_probe.py";

  static final MediaType PYTHON = new MediaType("text", "x-python", StandardCharsets.UTF_8);

  private final byte[] file;

  private final String etag;

  ProbeDownloadController() {
    try (InputStream in = ProbeDownloadController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the Python probe is missing from the class path: " + RESOURCE);
      }
      this.file = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.etag = "\"" + sha256(file).substring(0, 32) + "\"";
  }

  @GetMapping("/probe/shimwatch_probe.py")
  ResponseEntity<byte[]> pythonProbe(
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    CacheControl cache = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();
    if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
    }
    return ResponseEntity.ok()
        .eTag(etag)
        .cacheControl(cache)
        .contentType(PYTHON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("shimwatch_probe.py").build().toString())
        .body(file);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
