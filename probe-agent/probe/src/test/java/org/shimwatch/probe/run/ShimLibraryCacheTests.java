package org.shimwatch.probe.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShimLibraryCacheTests {

  @TempDir Path tmp;

  @Test
  void extractsOnceUnderItsChecksumAndKeepsTheFileName() throws Exception {
    ShimLibraryCache cache = new ShimLibraryCache(tmp);
    Path lib = cache.library();
    assertThat(lib.getFileName().toString()).isEqualTo("libshimwatch.so");
    assertThat(lib.getParent().getFileName().toString())
        .isEqualTo(ShimLibraryCache.sha256(Files.readAllBytes(lib)));
    Files.setLastModifiedTime(lib, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

    assertThat(cache.library()).isEqualTo(lib);
    assertThat(Files.getLastModifiedTime(lib).toInstant())
        .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Test
  void aDamagedOrReplacedFileIsNeverUsedButExtractedAgain() throws Exception {
    ShimLibraryCache cache = new ShimLibraryCache(tmp);
    Path lib = cache.library();
    byte[] good = Files.readAllBytes(lib);
    Files.write(lib, new byte[] {0x7f, 'E', 'L', 'F', 0});

    assertThat(cache.library()).isEqualTo(lib);
    assertThat(Files.readAllBytes(lib)).isEqualTo(good);
  }
}
