package org.shimwatch.web.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(controllers = ManualReportController.class)
class ManualReportControllerTests {

  static final String HOSTILE = "<script>alert(1)</script>\" onmouseover=\"x";

  @Autowired MockMvc mvc;
  @MockitoBean ManualReportService service;

  private String body(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private static MockHttpServletRequestBuilder filled(MockHttpServletRequestBuilder b) {
    return b.param("outcome", "traps")
        .param("clientName", "BitTorrent")
        .param("clientVersion", "3.4.2")
        .param("comment", HOSTILE)
        .param("pasted", "SYS3175 ...")
        .param("includeDiagnostics", "true")
        .param("website", "");
  }

  @Test
  void theEmptyFormOffersEveryOutcome() throws Exception {
    String page = body(get("/report/new"));
    assertThat(page)
        .contains("value=\"works\"", "value=\"select-problem\"", "value=\"traps\"")
        .contains("name=\"pasted\"");
  }

  @Test
  void thePreviewShowsWhatWasUnderstoodEscapedAndCarriesTheFormOn() throws Exception {
    given(service.preview(any()))
        .willReturn(
            new ManualReportService.Preview(
                List.of("1 trap in DOSCALL1.DLL " + HOSTILE),
                List.of("TCP/IP version unknown"),
                List.of(),
                "{\"comment\":\"" + HOSTILE + "\"}",
                true,
                null));

    String page = body(filled(post("/report/preview")));

    assertThat(page).contains("1 trap in DOSCALL1.DLL", "TCP/IP version unknown");
    assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    assertThat(page).contains("action=\"/report/submit\"");
    ArgumentCaptor<ManualReportForm> form = ArgumentCaptor.forClass(ManualReportForm.class);
    verify(service).preview(form.capture());
    assertThat(form.getValue().getClientVersion()).isEqualTo("3.4.2");
    verify(service, never()).submit(any(), anyString());
  }

  @Test
  void artefactsThatDisagreeAreOfferedAsAChoiceAndMissingVersionsAsked() throws Exception {
    given(service.preview(any()))
        .willReturn(
            new ManualReportService.Preview(
                List.of("TCP/IP stack: 4.3 (UN02205)"),
                List.of(),
                List.of(),
                "{}",
                false,
                "The pasted text disagrees on the TCP/IP service level.",
                List.of(
                    new ManualReportService.Choice(
                        "chooseStackLevel",
                        "TCP/IP service level",
                        List.of(
                            new ManualReportService.Option("UN02200", "syslevel output"),
                            new ManualReportService.Option("UN02205", "syslevel output 2")),
                        null)),
                true,
                false));

    String page = body(filled(post("/report/preview")).param("pythonVersion", ""));

    assertThat(page)
        .contains("The pasted text disagrees")
        .contains("name=\"chooseStackLevel\" value=\"UN02200\"")
        .contains("name=\"chooseStackLevel\" value=\"UN02205\"")
        .contains("(syslevel output 2)")
        .contains("id=\"pythonVersion\"")
        .contains("formaction=\"/report/preview\"");
    assertThat(page).containsPattern("id=\"send\"[^>]*disabled");
    // The choice is offered once, as radios, not also carried as a hidden field.
    assertThat(page).doesNotContain("type=\"hidden\" id=\"chooseStackLevel\"");
    // The shim's version was not asked, so it is carried on.
    assertThat(page).containsPattern("type=\"hidden\"[^>]*name=\"shimVersion\"");
  }

  @Test
  void aRefusedFormComesBackWithItsValuesAndTheReason() throws Exception {
    given(service.submit(any(), anyString()))
        .willThrow(new ManualReportService.Refused("Too many reports from you; try later."));

    String page = body(filled(post("/report/submit")));

    assertThat(page).contains("Too many reports from you; try later.");
    assertThat(page).contains("value=\"3.4.2\"").contains("&lt;script&gt;");
    assertThat(page).doesNotContain("<script>alert(1)</script>");
  }

  @Test
  void aSentReportShowsItsSecretOnce() throws Exception {
    given(service.submit(any(), anyString()))
        .willReturn(
            new ManualReportService.Sent(
                "r-1", "inst-1", "secret-0123456789abcdef", "/api/v1/installations/inst-1", true));

    String page = body(filled(post("/report/submit")));

    assertThat(page).contains("secret-0123456789abcdef", "inst-1");
    // A command that runs as printed: the deletion URL has this server's scheme and host.
    assertThat(page)
        .contains(
            "curl -X DELETE -H &#39;Shimwatch-Installation-Secret: secret-0123456789abcdef&#39;"
                + " http://localhost/api/v1/installations/inst-1<");
  }
}
