package org.shimwatch.web.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.shimwatch.web.BadQueryException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(controllers = CheckPageController.class)
class CheckPageControllerTests {

  static final String SCRIPT = "<script>alert(1)</script>";

  @Autowired MockMvc mvc;
  @MockitoBean CheckQuery checks;

  @BeforeEach
  void stubs() {
    given(checks.choices("default"))
        .willReturn(
            Optional.of(
                new CheckChoices(List.of("eComStation 1.1", SCRIPT), List.of("os2-tcpip 4.3"))));
  }

  private String page(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  static CheckAnswer answer() {
    CheckAnswer.Rate with = new CheckAnswer.Rate(30, 31, 0.84, 0.99);
    CheckAnswer.Rate without = new CheckAnswer.Rate(4, 20, 0.08, 0.42);
    return new CheckAnswer(
        "default",
        3,
        true,
        List.of("read syslevel output (lines 3–7)", "OS: eComStation 1.1 " + SCRIPT),
        List.of("lines 9–10: not recognized"),
        new CheckAnswer.Setup(
            "os2",
            "eComStation 1.1",
            "os2-tcpip 4.3",
            "UN02200, no NEWSTACK",
            List.of("csd:UN02200"),
            "BitTorrent 3.4.2"),
        new CheckAnswer.RowAnswer(
            "0123456789abcdef0123456789abcdef",
            "eComStation 1.1",
            "os2-tcpip 4.3",
            "UN02200, no NEWSTACK",
            "broken",
            20L,
            6L,
            4L,
            20L,
            0.08,
            0.42,
            0.0,
            null),
        List.of(
            new CheckAnswer.RowAnswer(
                "fedcba9876543210fedcba9876543210",
                "eComStation 1.1",
                "os2-tcpip 4.3",
                "UN02200 + NEWSTACK",
                "works",
                31L,
                9L,
                30L,
                31L,
                0.84,
                0.99,
                0.0,
                "same stack, fix level UN02200 + NEWSTACK, same platform")),
        List.of(new CheckAnswer.FixEvidence("csd:UN02200", false, null, null, null)),
        new CheckAnswer.FixEvidence("newstack:NEWSTACK", true, with, without, true),
        List.of(
            new CheckAnswer.Prerequisite(
                "TCPIP32.DLL in %ETC%\\DLL", "met", "TCPIP32.DLL is there"),
            new CheckAnswer.Prerequisite(
                "TCP/IP updates from NEWSTACK.ZIP",
                "not-met",
                "none of the fixes given is a NEWSTACK update")),
        new CheckAnswer.Install(
            "side-dir-after-lib-dynload",
            "inactive",
            "the shim would not load: its directory comes after lib-dynload",
            List.of()),
        List.of(),
        false);
  }

  @Test
  void theEmptyPageOffersThePasteAndThePicksAndAsksNothing() throws Exception {
    String html = page(get("/check/default"));
    assertThat(html)
        .contains("Will it work on my setup?")
        .contains("name=\"pasted\"")
        .contains("name=\"platform\"")
        .contains("name=\"fixes\"")
        .contains("<option value=\"eComStation 1.1\">")
        .doesNotContain(SCRIPT)
        .doesNotContain("id=\"answer\"");
    verify(checks, never()).check(any(), any());
  }

  @Test
  void aPastedSetupIsAnsweredOnThePageEscaped() throws Exception {
    given(checks.check(eq("default"), any())).willReturn(Optional.of(answer()));

    String html =
        page(
            post("/check/default")
                .param("pasted", "C:\\TCPIP\\BIN\\SYSLEVEL.TCP ...")
                .param("fixes", ""));

    assertThat(html)
        .contains("id=\"answer\"")
        .contains("UN02200, no NEWSTACK")
        .contains("id=\"row-tier\"")
        .contains(">broken</span>")
        .contains("4 of 20 judged reports succeeded (95% interval 8%–42%), from 6 installations")
        .contains("same stack, fix level UN02200 + NEWSTACK, same platform")
        .contains("newstack:NEWSTACK")
        .contains("30 of 31 with it (84%–99%), 4 of 20 without it (8%–42%)")
        .contains("the shim would not load")
        .contains("none of the fixes given is a NEWSTACK update")
        .contains("lines 9–10: not recognized")
        .contains("Nothing you entered was stored.")
        .contains("&lt;script&gt;")
        .doesNotContain(SCRIPT);
    ArgumentCaptor<CheckInput> input = ArgumentCaptor.forClass(CheckInput.class);
    verify(checks).check(eq("default"), input.capture());
    assertThat(input.getValue().pasted()).startsWith("C:\\TCPIP");
    assertThat(input.getValue().environmentJson()).isNull();
  }

  @Test
  void garbageIsAnsweredWithWhatCouldNotBeRead() throws Exception {
    given(checks.check(eq("default"), any()))
        .willReturn(
            Optional.of(
                new CheckAnswer(
                    "default",
                    3,
                    false,
                    List.of(),
                    List.of("lines 1–2: not recognized as any artefact " + SCRIPT),
                    null,
                    null,
                    List.of(),
                    List.of(),
                    null,
                    List.of(),
                    null,
                    List.of(),
                    false)));
    String html = page(post("/check/default").param("pasted", "lorem ipsum"));
    assertThat(html)
        .contains("id=\"unreadable\"")
        .contains("Could not read what you pasted.")
        .contains("lines 1–2: not recognized as any artefact &lt;script&gt;")
        .doesNotContain("id=\"setup\"");
  }

  @Test
  void aBadQuestionKeepsTheFormAndSaysWhatToChange() throws Exception {
    given(checks.check(eq("default"), any()))
        .willThrow(
            new BadQueryException(
                "unknown-platform", "platform", "The matrix has no platform called Plan 9."));
    String html = page(post("/check/default").param("platform", "Plan 9"));
    assertThat(html)
        .contains("id=\"problem\"")
        .contains("The matrix has no platform called Plan 9.")
        .contains("value=\"Plan 9\"")
        .doesNotContain("id=\"answer\"");
  }

  @Test
  void picksAloneCanBeLinkedTo() throws Exception {
    given(checks.check(eq("default"), any())).willReturn(Optional.of(answer()));
    page(get("/check/default").param("platform", "os2").param("stack", "4.3").param("pasted", "x"));
    ArgumentCaptor<CheckInput> input = ArgumentCaptor.forClass(CheckInput.class);
    verify(checks).check(eq("default"), input.capture());
    assertThat(input.getValue().platform()).isEqualTo("os2");
    assertThat(input.getValue().pasted()).as("a paste comes by POST only").isNull();
  }

  @Test
  void anUnknownProjectIsNotFound() throws Exception {
    given(checks.choices("nope")).willReturn(Optional.empty());
    mvc.perform(get("/check/nope")).andExpect(status().isNotFound());
  }
}
