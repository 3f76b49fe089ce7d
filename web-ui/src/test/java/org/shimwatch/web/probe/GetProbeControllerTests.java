package org.shimwatch.web.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.probe.ProbeDownloads.Download;
import org.shimwatch.web.probe.ProbeDownloads.Kind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = GetProbeController.class)
class GetProbeControllerTests {

  static final byte[] DEB = "!<arch>\ndebian-binary".getBytes(StandardCharsets.US_ASCII);
  static final Download PACKAGE =
      new Download("shimwatch_0.2.0_amd64.deb", Kind.DEBIAN_PACKAGE, DEB.length, "ab12");
  static final Download ARCHIVE =
      new Download("shimwatch-0.2.0.tar.gz", Kind.ARCHIVE, 7_000_000, "cd34");

  @Autowired MockMvc mvc;
  @MockitoBean ProbeDownloads downloads;

  @BeforeEach
  void twoDownloads() throws Exception {
    given(downloads.version()).willReturn(Optional.of("0.2.0"));
    given(downloads.downloads()).willReturn(List.of(PACKAGE, ARCHIVE));
    given(downloads.find(PACKAGE.fileName())).willReturn(Optional.of(PACKAGE));
    given(downloads.find("nothing.deb")).willReturn(Optional.empty());
    given(downloads.open(any())).willAnswer(i -> new ByteArrayInputStream(DEB));
  }

  @Test
  void thePageGivesTheThreeLinesWithThisServersAddress() throws Exception {
    String page =
        mvc.perform(get("/probe"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains(
            "curl -fLO http://localhost/probe/shimwatch_0.2.0_amd64.deb &amp;&amp;"
                + " sudo apt-get install ./shimwatch_0.2.0_amd64.deb")
        .contains("shimwatch consent --level 2")
        .contains("SHIMWATCH_SERVER=http://localhost SHIMWATCH_KEY=swk_… shimwatch run --")
        .contains("href=\"/probe/shimwatch-0.2.0.tar.gz\"")
        .contains("shimwatch-0.2.0/bin/shimwatch")
        .contains("href=\"/probe/shimwatch_probe.py\"")
        .contains(
            "SHIMWATCH_SERVER=http://localhost SHIMWATCH_KEY=swk_… python shimwatch_probe.py run");
  }

  @Test
  void aDownloadIsAnAttachmentWithItsChecksumAsEntityTag() throws Exception {
    mvc.perform(get("/probe/shimwatch_0.2.0_amd64.deb"))
        .andExpect(status().isOk())
        .andExpect(
            header()
                .string(
                    "Content-Disposition", "attachment; filename=\"shimwatch_0.2.0_amd64.deb\""))
        .andExpect(header().string("ETag", "\"ab12\""))
        .andExpect(header().string("Content-Type", "application/vnd.debian.binary-package"))
        .andExpect(content().bytes(DEB));

    mvc.perform(get("/probe/shimwatch_0.2.0_amd64.deb").header("If-None-Match", "\"ab12\""))
        .andExpect(status().isNotModified());
  }

  @Test
  void anUnknownFileIsNotFound() throws Exception {
    mvc.perform(get("/probe/nothing.deb")).andExpect(status().isNotFound());
  }

  @Test
  void withoutDownloadsThePageSaysSo() throws Exception {
    given(downloads.version()).willReturn(Optional.empty());
    given(downloads.downloads()).willReturn(List.of());

    String page =
        mvc.perform(get("/probe"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page).contains("This server carries no probe downloads.").doesNotContain("curl");
  }
}
