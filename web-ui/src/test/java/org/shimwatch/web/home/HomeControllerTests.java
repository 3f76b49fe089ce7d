package org.shimwatch.web.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.matrix.MatrixFixtures;
import org.shimwatch.web.matrix.MatrixPageQuery;
import org.shimwatch.web.matrix.MatrixPages;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = HomeController.class)
@Import({MatrixPages.class, org.shimwatch.web.cache.PublicCache.class})
class HomeControllerTests {

  @Autowired MockMvc mvc;
  @MockitoBean ProjectsQuery projects;
  @MockitoBean MatrixQuery matrix;
  @MockitoBean MatrixPageQuery pages;
  @MockitoBean org.shimwatch.web.cache.PublicVersionQuery versions;
  @MockitoBean org.shimwatch.web.trends.TrendQuery trends;

  private String home() throws Exception {
    return mvc.perform(get("/"))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void withOneProjectTheHomePageIsItsMatrix() throws Exception {
    given(projects.projectSlugs()).willReturn(List.of("shim"));
    given(matrix.matrix(eq("shim"), any()))
        .willReturn(Optional.of(MatrixFixtures.view("shim", false)));
    given(pages.choices("shim")).willReturn(Optional.of(MatrixFixtures.choices()));

    String html = home();

    verify(matrix).matrix("shim", MatrixRequest.publicDefault());
    assertThat(html)
        .contains("Does the shim work on your stack?")
        .contains("href=\"/report/new\"")
        .contains("href=\"/collect\"")
        .contains("action=\"/matrix/shim\"")
        .contains(">works</span>")
        .contains("40 reports, 12 installations")
        .contains("href=\"/matrix/shim#badge\"")
        .doesNotContain("http://")
        .doesNotContain(MatrixFixtures.SCRIPT);
  }

  @Test
  void withSeveralProjectsTheHomePageLetsTheVisitorPick() throws Exception {
    given(projects.projectSlugs()).willReturn(List.of("alpha", "beta"));

    String html = home();

    assertThat(html)
        .contains("href=\"/matrix/alpha\"")
        .contains("href=\"/matrix/beta\"")
        .contains("href=\"/report/new\"")
        .doesNotContain("What the tiers mean");
    verify(matrix, never()).matrix(anyString(), any());
  }

  @Test
  void withoutAProjectTheHomePageSaysSo() throws Exception {
    given(projects.projectSlugs()).willReturn(List.of());

    assertThat(home()).contains("No project has been set up yet.");
  }
}
