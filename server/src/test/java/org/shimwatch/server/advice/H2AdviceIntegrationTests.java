package org.shimwatch.server.advice;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Advice storage on the embedded default: an H2 file database. */
@SpringBootTest
class H2AdviceIntegrationTests extends AdviceStorageContract {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("shimwatch-h2-advice").toString();
    registry.add("shimwatch.data-dir", () -> dir);
  }
}
