package org.shimwatch.server.maintainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.NotFound;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerMapping;

/** Roles order as rights do, and the one project check reads every way a route names a project. */
class RoleAndAccessTests {

  @AfterEach
  void nobody() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void rolesOrderFromOwnerToViewer() {
    assertThat(Role.OWNER.covers(Role.VIEWER)).isTrue();
    assertThat(Role.MAINTAINER.covers(Role.OWNER)).isFalse();
    assertThat(Role.VIEWER.covers(Role.VIEWER)).isTrue();
    assertThat(Role.OWNER.atMost(Role.VIEWER)).isEqualTo(Role.VIEWER);
    assertThat(Role.VIEWER.atMost(Role.OWNER)).isEqualTo(Role.VIEWER);
    assertThat(Role.MAINTAINER.atMost(Role.OWNER)).isEqualTo(Role.MAINTAINER);
    assertThat(Role.of(" Viewer ")).contains(Role.VIEWER);
    assertThat(Role.of("king")).isEmpty();
    assertThat(Role.of(null)).isEmpty();
  }

  private static void signIn(Role role, String... projects) {
    Account a = new Account(7, "someone", null, role, Set.of(projects), 0, true, null);
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(a, null, a.getAuthorities()));
  }

  @Test
  void aProjectInThePathOrTheParametersMustBeOneTheAccountSees() {
    ProjectAccess access = new ProjectAccess();
    ProjectAccessInterceptor check = new ProjectAccessInterceptor(access);
    signIn(Role.MAINTAINER, "a");
    for (String name : new String[] {"project", "slug"}) {
      MockHttpServletRequest inPath = new MockHttpServletRequest();
      inPath.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of(name, "b"));
      assertThatThrownBy(() -> check.preHandle(inPath, new MockHttpServletResponse(), null))
          .isInstanceOf(NotFound.class)
          .hasMessage("There is no such project.");
      MockHttpServletRequest inQuery = new MockHttpServletRequest();
      inQuery.addParameter(name, "a", "b");
      assertThatThrownBy(() -> check.preHandle(inQuery, new MockHttpServletResponse(), null))
          .isInstanceOf(NotFound.class);
      MockHttpServletRequest own = new MockHttpServletRequest();
      own.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of(name, "a"));
      own.addParameter(name, " a ");
      assertThat(check.preHandle(own, new MockHttpServletResponse(), null)).isTrue();
    }
    assertThat(access.visible(java.util.List.of("a", "b", "c"))).containsExactly("a");

    signIn(Role.OWNER);
    MockHttpServletRequest any = new MockHttpServletRequest();
    any.addParameter("project", "b");
    assertThat(check.preHandle(any, new MockHttpServletResponse(), null)).isTrue();
    assertThat(access.visible(java.util.List.of("a", "b"))).containsExactly("a", "b");
  }

  @Test
  void tokensAreTakenOnlyByTheAdminApiAndTheScrape() {
    assertThat(ApiTokenFilter.takesTokens("/api/v1/admin/projects")).isTrue();
    assertThat(ApiTokenFilter.takesTokens("/actuator/prometheus")).isTrue();
    assertThat(ApiTokenFilter.takesTokens("/actuator/health")).isFalse();
    assertThat(ApiTokenFilter.takesTokens("/api/v1/projects/a/reports")).isFalse();
    assertThat(ApiTokenFilter.takesTokens("/maintainer")).isFalse();
  }
}
