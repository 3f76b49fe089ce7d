package org.shimwatch.web.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.advice.AdviceCommands;
import org.shimwatch.web.advice.AdviceDraft;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.advice.AdviceView;
import org.shimwatch.web.advice.AppliesTo;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(controllers = AdvicePagesController.class)
class AdvicePagesControllerTests {

  static final Principal MAINTAINER = () -> "admin";

  @Autowired MockMvc mvc;
  @MockitoBean ProjectsQuery projects;
  @MockitoBean AdviceQuery advice;
  @MockitoBean AdviceCommands commands;

  @BeforeEach
  void projects() {
    given(projects.maintainerSlugs()).willReturn(List.of("default", "other"));
  }

  static AdviceView entry(long id, String title, String body) {
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    return new AdviceView(
        id,
        "default",
        title,
        body,
        new AppliesTo("os2-tcpip", "4.21", "4.3", "UN02200", false, null, null, null, null),
        null,
        "0.2.0",
        at,
        "admin",
        at,
        "admin");
  }

  private static MockHttpServletRequestBuilder form(String path, String... fields) {
    MockHttpServletRequestBuilder b = post(path).principal(MAINTAINER);
    for (int i = 0; i < fields.length; i += 2) {
      b.param(fields[i], fields[i + 1]);
    }
    return b;
  }

  @Test
  void theListShowsEachEntryWithWhatItAppliesToEscaped() throws Exception {
    given(advice.all("default"))
        .willReturn(Optional.of(List.of(entry(3, "<script>alert(1)</script>", "text"))));
    mvc.perform(get("/maintainer/advice"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/maintainer/advice/3?project=default")))
        .andExpect(content().string(containsString("stack os2-tcpip 4.21 to 4.3; UN02200 missing")))
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
        .andExpect(content().string(not(containsString("<script>alert(1)"))));
  }

  @Test
  void aGoodFormIsStoredWithTheMaintainersNameAndAnswersSeeOther() throws Exception {
    given(commands.create(eq("default"), any(), eq("admin"))).willReturn(Optional.of(5L));
    mvc.perform(
            form(
                "/maintainer/advice",
                "title",
                "TCPIP32 traps",
                "body",
                "Install **UN02200**.",
                "stackName",
                "os2-tcpip",
                "stackFrom",
                "4.21",
                "fix",
                "UN02200",
                "fixState",
                "missing",
                "trapGroup",
                "#12",
                "fixedIn",
                "0.2.0"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/maintainer/advice?project=default"));
    verify(commands)
        .create(
            "default",
            new AdviceDraft(
                "TCPIP32 traps",
                "Install **UN02200**.",
                new AppliesTo("os2-tcpip", "4.21", null, "UN02200", false, null, 12L, null, null),
                "0.2.0"),
            "admin");
  }

  @Test
  void badFieldsComeBackWithTheirMessagesAndNothingIsStored() throws Exception {
    mvc.perform(
            form(
                "/maintainer/advice",
                "title",
                "",
                "body",
                "x",
                "stackFrom",
                "4.21 <b>",
                "installMode",
                "sideways",
                "trapGroup",
                "abc",
                "fixedIn",
                "-1"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("id=\"error-title\"")))
        .andExpect(content().string(containsString("Give the advice a title.")))
        .andExpect(content().string(containsString("id=\"error-stackFrom\"")))
        .andExpect(content().string(containsString("id=\"error-installMode\"")))
        .andExpect(content().string(containsString("id=\"error-trapGroup\"")))
        .andExpect(content().string(containsString("id=\"error-fixedIn\"")))
        .andExpect(content().string(containsString("value=\"4.21 &lt;b&gt;\"")))
        .andExpect(content().string(containsString("Nothing was saved")));
    mvc.perform(form("/maintainer/advice", "title", "t", "body", "b"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("Say what the advice applies to")));
    mvc.perform(
            form("/maintainer/advice", "title", "t", "body", "x".repeat(8001), "shimFrom", "0.1.0"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("8001 characters long; at most 8000")));
    mvc.perform(form("/maintainer/advice", "title", "a\u0007b", "body", "b", "shimFrom", "0.1"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("one line of at most 200")));
    verify(commands, never()).create(anyString(), any(), anyString());
  }

  @Test
  void whatTheServerRefusesComesBackOnTheForm() throws Exception {
    given(commands.create(eq("default"), any(), eq("admin")))
        .willThrow(new ChangeRefused("unknown-trap-group", "This project has no trap group 99."));
    mvc.perform(form("/maintainer/advice", "title", "t", "body", "b", "trapGroup", "99"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("This project has no trap group 99.")))
        .andExpect(content().string(containsString("value=\"99\"")));
  }

  @Test
  void anEntryOpensFilledInAndChangesOrIsDeleted() throws Exception {
    given(advice.one("default", 3)).willReturn(Optional.of(entry(3, "Old", "old text")));
    mvc.perform(get("/maintainer/advice/3"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"Old\"")))
        .andExpect(content().string(containsString(">old text</textarea>")))
        .andExpect(content().string(containsString("<option value=\"missing\" selected")));

    given(commands.update(eq("default"), eq(3L), any(), eq("admin"))).willReturn(true);
    mvc.perform(form("/maintainer/advice/3", "title", "New", "body", "b", "shimTo", "0.3"))
        .andExpect(status().isSeeOther());
    verify(commands)
        .update(
            "default",
            3L,
            new AdviceDraft(
                "New",
                "b",
                new AppliesTo(null, null, null, null, null, null, null, null, "0.3"),
                null),
            "admin");

    given(commands.delete("default", 3)).willReturn(true);
    mvc.perform(form("/maintainer/advice/3/delete")).andExpect(status().isSeeOther());
    verify(commands).delete("default", 3);
  }

  @Test
  void unknownEntriesAndProjectsAreNotFoundAndChangeNothing() throws Exception {
    given(advice.one(anyString(), anyLong())).willReturn(Optional.empty());
    mvc.perform(get("/maintainer/advice/404")).andExpect(status().isNotFound());
    mvc.perform(form("/maintainer/advice/404", "title", "t", "body", "b", "shimTo", "1"))
        .andExpect(status().isNotFound());
    mvc.perform(form("/maintainer/advice/404/delete")).andExpect(status().isNotFound());
    mvc.perform(get("/maintainer/advice").param("project", "nope"))
        .andExpect(status().isNotFound());
    verify(commands, never()).update(anyString(), anyLong(), any(), anyString());
    verify(commands, never()).delete(anyString(), anyLong());
  }

  @Test
  void aTrapGroupsLinkOpensTheFormWithTheGroupChosen() throws Exception {
    mvc.perform(get("/maintainer/advice/new").param("trapGroup", "12"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("name=\"trapGroup\" value=\"12\"")));
  }
}
