package org.shimwatch.web.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.ChangeRefused;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(controllers = ProjectPagesController.class)
class ProjectPagesControllerTests {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final Instant T = Instant.parse("2026-02-01T09:00:00Z");
  static final String PLAIN = "swk_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0";

  static final org.springframework.test.web.servlet.request.RequestPostProcessor OWNER =
      r -> {
        r.addUserRole("OWNER");
        return r;
      };

  @Autowired MockMvc mvc;
  @MockitoBean ProjectAdmin admin;

  final ProjectAdmin.IngestKeyView active =
      new ProjectAdmin.IngestKeyView(3, "swk_Zm9v", "release " + SCRIPT, T, null);
  final ProjectAdmin.IngestKeyView revoked =
      new ProjectAdmin.IngestKeyView(2, "swk_old1", "old", T, T.plusSeconds(3600));

  @BeforeEach
  void projects() {
    given(admin.projects())
        .willReturn(
            List.of(
                new ProjectAdmin.ProjectKeys("default", "Default", T, List.of(revoked, active)),
                new ProjectAdmin.ProjectKeys("os2-shim", "OS/2 " + SCRIPT, T, List.of())));
  }

  @Test
  void theListShowsKeysByPrefixWithRevokedOnesMarkedAndEverythingEscaped() throws Exception {
    mvc.perform(get("/maintainer/projects"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("swk_Zm9v")))
        .andExpect(content().string(containsString("revoked 2026-02-01 10:00")))
        .andExpect(content().string(containsString("/maintainer/projects/default/keys/3/revoke")))
        .andExpect(
            content().string(not(containsString("/maintainer/projects/default/keys/2/revoke"))))
        .andExpect(content().string(containsString("1</span> active of")))
        .andExpect(content().string(containsString("No keys yet")))
        .andExpect(content().string(containsString("release &lt;script&gt;")))
        .andExpect(content().string(not(containsString(SCRIPT))));
    mvc.perform(get("/maintainer/projects").param("project", "nope"))
        .andExpect(status().isNotFound());
  }

  @Test
  void creatingAProjectRedirectsWithANotice() throws Exception {
    given(admin.createProject("os2-tcpip", "OS/2 TCP/IP shim"))
        .willReturn(new ProjectAdmin.ProjectKeys("os2-tcpip", "OS/2 TCP/IP shim", T, List.of()));

    mvc.perform(
            post("/maintainer/projects")
                .param("slug", " os2-tcpip ")
                .param("name", "OS/2 TCP/IP shim"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/maintainer/projects?project=os2-tcpip"))
        .andExpect(flash().attribute("notice", containsString("Project 'os2-tcpip' created")));
  }

  @Test
  void aSlugTheServiceRefusesReShowsTheFormWith400AndTheMessage() throws Exception {
    given(admin.createProject("Bad " + SCRIPT, null))
        .willThrow(new ChangeRefused("invalid-slug", "A project slug is lower-case letters."));
    given(admin.createProject("default", null))
        .willThrow(
            new ChangeRefused("project-exists", "A project named 'default' already exists."));

    // Only an owner sees the form (the server refuses the post to anyone else).
    mvc.perform(post("/maintainer/projects").param("slug", "Bad " + SCRIPT).with(OWNER))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("A project slug is lower-case letters.")))
        .andExpect(content().string(containsString("value=\"Bad &lt;script&gt;")))
        .andExpect(content().string(not(containsString(SCRIPT))));
    mvc.perform(post("/maintainer/projects").param("slug", "default"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("already exists")));
  }

  @Test
  void aNewKeyIsShownOnceOnThePageAfterTheRedirectAndNeverAgain() throws Exception {
    given(admin.createKey("default", "ci"))
        .willReturn(Optional.of(new ProjectAdmin.NewIngestKey("default", active, PLAIN)));

    MvcResult created =
        mvc.perform(post("/maintainer/projects/default/keys").param("label", "ci"))
            .andExpect(status().isSeeOther())
            .andExpect(header().string("Location", "/maintainer/projects/default/keys/new"))
            .andReturn();
    Object newKey = created.getFlashMap().get("newKey");

    mvc.perform(get("/maintainer/projects/default/keys/new").flashAttr("newKey", newKey))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(PLAIN)))
        .andExpect(content().string(containsString("Copy this key now.")));
    mvc.perform(get("/maintainer/projects/default/keys/new"))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString(PLAIN))))
        .andExpect(content().string(containsString("has been shown already")));
    mvc.perform(get("/maintainer/projects"))
        .andExpect(content().string(not(containsString(PLAIN))));
  }

  @Test
  void aKeyForAProjectThatIsNotThereIsNotFoundAndABadLabelIsRefused() throws Exception {
    given(admin.createKey("nope", null)).willReturn(Optional.empty());
    given(admin.createKey("default", "x".repeat(200)))
        .willThrow(new ChangeRefused("invalid-label", "A key label is at most 128 characters."));

    mvc.perform(post("/maintainer/projects/nope/keys")).andExpect(status().isNotFound());
    mvc.perform(post("/maintainer/projects/default/keys").param("label", "x".repeat(200)))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("at most 128 characters")));
  }

  @Test
  void revokingAsksForConfirmationThenRevokesAndRedirects() throws Exception {
    given(admin.key("default", 3)).willReturn(Optional.of(active));
    given(admin.revokeKey("default", 3))
        .willReturn(
            Optional.of(
                new ProjectAdmin.IngestKeyView(3, "swk_Zm9v", "release", T, T.plusSeconds(60))));

    mvc.perform(get("/maintainer/projects/default/keys/3/revoke"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Revoke this key")))
        .andExpect(
            content()
                .string(containsString("action=\"/maintainer/projects/default/keys/3/revoke\"")));
    verify(admin, never()).revokeKey(anyString(), anyLong());

    mvc.perform(post("/maintainer/projects/default/keys/3/revoke"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/maintainer/projects?project=default"))
        .andExpect(flash().attribute("notice", containsString("swk_Zm9v… (release) is revoked")));
    verify(admin).revokeKey("default", 3);
  }

  @Test
  void anUnknownKeyIsNotFoundAndABadIdIsABadRequest() throws Exception {
    given(admin.key("default", 99)).willReturn(Optional.empty());
    given(admin.revokeKey("default", 99)).willReturn(Optional.empty());

    mvc.perform(get("/maintainer/projects/default/keys/99/revoke"))
        .andExpect(status().isNotFound());
    mvc.perform(post("/maintainer/projects/default/keys/99/revoke"))
        .andExpect(status().isNotFound());
    mvc.perform(post("/maintainer/projects/default/keys/x/revoke"))
        .andExpect(status().isBadRequest());
  }
}
