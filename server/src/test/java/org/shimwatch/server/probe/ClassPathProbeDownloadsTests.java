package org.shimwatch.server.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.probe.ProbeDownloads;
import org.shimwatch.web.probe.ProbeDownloads.Kind;

/**
 * The server carries the probe's Debian package and archive, as built by the distribution module,
 * and says each one's size and SHA-256 truly.
 */
class ClassPathProbeDownloadsTests {

  private final ClassPathProbeDownloads downloads = new ClassPathProbeDownloads();

  @Test
  void thePackageAndTheArchiveAreHereWithTheirChecksums() throws Exception {
    assertThat(downloads.version()).isPresent();
    assertThat(downloads.downloads())
        .extracting(ProbeDownloads.Download::kind)
        .containsExactly(Kind.DEBIAN_PACKAGE, Kind.ARCHIVE);
    for (ProbeDownloads.Download d : downloads.downloads()) {
      byte[] bytes;
      try (InputStream in = downloads.open(d)) {
        bytes = in.readAllBytes();
      }
      assertThat(bytes).hasSize((int) d.size());
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
          .isEqualTo(d.sha256());
      if (d.kind() == Kind.DEBIAN_PACKAGE) {
        assertThat(d.fileName()).matches("shimwatch_[0-9][^_]*_amd64\\.deb");
        assertThat(new String(bytes, 0, 21, StandardCharsets.US_ASCII))
            .isEqualTo("!<arch>\ndebian-binary");
      } else {
        assertThat(d.fileName()).isEqualTo("shimwatch-" + downloads.version().get() + ".tar.gz");
        assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
        assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
      }
    }
    assertThat(downloads.find("../application.properties")).isEmpty();
  }
}
