package org.shimwatch.web.accounts;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = AccountPagesController.class)
class AccountPagesControllerTests {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final Instant T = Instant.parse("2026-02-01T09:00:00Z");

  @Autowired MockMvc mvc;
  @MockitoBean AccountAdmin admin;

  @BeforeEach
  void accounts() {
    given(admin.self())
        .willReturn(new AccountAdmin.AccountRow(1, "admin", "OWNER", List.of(), false, T, T));
    given(admin.accounts())
        .willReturn(
            List.of(
                new AccountAdmin.AccountRow(1, "admin", "OWNER", List.of(), false, T, T),
                new AccountAdmin.AccountRow(
                    2, "maria", "MAINTAINER", List.of("proj-a"), true, null, T)));
    given(admin.allProjects()).willReturn(List.of("proj-a", "proj-b"));
    given(admin.myProjects()).willReturn(List.of("proj-a", "proj-b"));
    List<AccountAdmin.TokenRow> mine =
        List.of(
            new AccountAdmin.TokenRow(
                5,
                "admin",
                "swt_abcdefgh",
                "prometheus " + SCRIPT,
                "VIEWER",
                List.of("proj-a"),
                T,
                null,
                null,
                T,
                true));
    given(admin.tokens()).willReturn(mine);
    given(admin.allTokens())
        .willReturn(
            java.util.stream.Stream.concat(
                    mine.stream(),
                    java.util.stream.Stream.of(
                        new AccountAdmin.TokenRow(
                            6,
                            "maria",
                            "swt_mariasto",
                            "her script",
                            "MAINTAINER",
                            List.of("proj-a"),
                            T,
                            null,
                            null,
                            null,
                            true)))
                .toList());
  }

  @Test
  void theAccountListShowsRolesProjectsStateAndLastSignIn() throws Exception {
    mvc.perform(get("/maintainer/accounts"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("maria")))
        .andExpect(content().string(containsString("disabled")))
        .andExpect(content().string(containsString("never")))
        .andExpect(content().string(containsString("2026-02-01 09:00")))
        .andExpect(content().string(containsString("/maintainer/accounts/2/enable")))
        .andExpect(content().string(containsString("/maintainer/accounts/1/disable")));
  }

  @Test
  void aRefusedNewAccountKeepsTheFormAndSaysWhy() throws Exception {
    given(admin.create(anyString(), anyString(), anyList(), any()))
        .willThrow(new ChangeRefused("invalid-username", "A user name is short " + SCRIPT));
    mvc.perform(
            post("/maintainer/accounts")
                .param("username", "Bad Name")
                .param("role", "viewer")
                .param("projects", "proj-b"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("A user name is short &lt;script&gt;")))
        .andExpect(content().string(containsString("value=\"Bad Name\"")))
        .andExpect(content().string(not(containsString(SCRIPT))));
  }

  @Test
  void aChosenPasswordIsShownOnceOnly() throws Exception {
    given(admin.create("maria", "maintainer", List.of("proj-a"), ""))
        .willReturn(
            Optional.of(new AccountAdmin.Secret("Initial password", "maria", "pw-once-123456")));
    MockHttpSession session = new MockHttpSession();
    mvc.perform(
            post("/maintainer/accounts")
                .session(session)
                .param("username", "maria")
                .param("role", "maintainer")
                .param("projects", "proj-a")
                .param("password", ""))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/maintainer/accounts/secret"));
    mvc.perform(get("/maintainer/accounts/secret").session(session))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", "no-store"))
        .andExpect(content().string(containsString("pw-once-123456")));
    mvc.perform(get("/maintainer/accounts/secret").session(session))
        .andExpect(content().string(containsString("Already shown")))
        .andExpect(content().string(not(containsString("pw-once-123456"))));
  }

  @Test
  void aRefusedPasswordChangeMarksTheFieldAtFault() throws Exception {
    given(admin.changePassword("old", "short", "short"))
        .willReturn(
            Optional.of(
                new AccountAdmin.FieldProblem("newPassword", "A password has at least 12.")));
    mvc.perform(
            post("/maintainer/account/password")
                .param("currentPassword", "old")
                .param("newPassword", "short")
                .param("repeatPassword", "short"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("id=\"error-newPassword\"")))
        .andExpect(content().string(containsString("A password has at least 12.")));
  }

  @Test
  void signingOutEverywhereEndsThisSessionToo() throws Exception {
    MockHttpSession session = new MockHttpSession();
    mvc.perform(post("/maintainer/account/sign-out-everywhere").session(session))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/login?signedOut=everywhere"));
    verify(admin).signOutEverywhere();
    org.assertj.core.api.Assertions.assertThat(session.isInvalid()).isTrue();
  }

  @Test
  void tokensAreListedByPrefixAndTheNewOneShownOnce() throws Exception {
    mvc.perform(get("/maintainer/tokens"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("swt_abcdefgh")))
        .andExpect(content().string(containsString("prometheus &lt;script&gt;")))
        .andExpect(content().string(containsString("/maintainer/tokens/5/revoke")))
        // A server owner sees every account's tokens and who made them.
        .andExpect(content().string(containsString("Made by")))
        .andExpect(content().string(containsString("/maintainer/tokens/6/revoke")));
    mvc.perform(post("/maintainer/tokens").param("label", "x").param("days", "soon"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("as a number")));
  }
}
