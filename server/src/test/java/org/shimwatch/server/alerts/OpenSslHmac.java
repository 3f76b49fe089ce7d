package org.shimwatch.server.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.shimwatch.testing.MissingPart;

/** The HMAC-SHA256 as Debian's openssl computes it, to check ours against another tool. */
final class OpenSslHmac {

  private OpenSslHmac() {}

  static String of(String key, String text) {
    try {
      Process p =
          new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", key, "-r")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("openssl failed: " + out);
      }
      return out.strip().split("\\s+")[0];
    } catch (IOException e) {
      MissingPart.skipOrFail("openssl is not installed: " + e.getMessage());
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
