package org.shimwatch.web.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.shimwatch.web.matrix.MatrixFixtures.COLUMN_KEY;
import static org.shimwatch.web.matrix.MatrixFixtures.ROW_KEY;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.matrix.MatrixFixtures;
import org.shimwatch.web.matrix.MatrixPageQuery;
import org.shimwatch.web.matrix.MatrixPages;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.system.ProjectsQuery;
import org.shimwatch.web.trends.MonthActivity;
import org.shimwatch.web.trends.TrendQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every public page and badge carries an ETag from the project's public version and a caching rule,
 * and a visitor whose copy is current gets 304 without the matrix being read or rendered.
 */
@WebMvcTest(
    useDefaultFilters = false,
    includeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern =
                "org\\.shimwatch\\.web\\.(matrix\\.MatrixPageController|home\\.HomeController"
                    + "|badge\\.BadgeController|system\\..*)"))
@Import({MatrixPages.class, PublicCache.class, RenderedAnswerFilter.class})
class PublicCachingTests {

  @Autowired MockMvc mvc;
  @MockitoBean MatrixQuery matrix;
  @MockitoBean MatrixPageQuery pages;
  @MockitoBean ProjectsQuery projects;
  @MockitoBean PublicVersionQuery versions;
  @MockitoBean TrendQuery trends;

  static final List<String> PUBLIC =
      List.of(
          "/",
          "/matrix/default",
          "/matrix/default?stack=4.3&columns=shim",
          "/matrix/default/cell?row=" + ROW_KEY + "&columns=client&column=" + COLUMN_KEY,
          "/badge/default.svg",
          "/badge/default/works-on.svg?stack=4.3&fix=UN02200");

  @BeforeEach
  void stubs() {
    given(projects.projectSlugs()).willReturn(List.of("default"));
    given(versions.version("default")).willReturn(OptionalLong.of(41));
    given(versions.versions()).willReturn(Map.of("default", 41L));
    given(versions.release()).willReturn("test-build");
    given(matrix.matrix(eq("default"), any()))
        .willAnswer(
            a ->
                Optional.of(
                    MatrixFixtures.view(
                        "default", a.getArgument(1, MatrixRequest.class).maintainer())));
    given(pages.choices("default")).willReturn(Optional.of(MatrixFixtures.choices()));
    given(pages.cell(eq("default"), any()))
        .willReturn(Optional.of(org.shimwatch.web.matrix.MatrixPageControllerTestsAccess.detail()));
    given(trends.months("default"))
        .willReturn(
            Optional.of(List.of(new MonthActivity(java.time.YearMonth.of(2026, 11), 12, 4, 4))));
  }

  private MockHttpServletResponse answer(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  @Test
  void everyPublicAnswerCarriesAnEtagFromTheVersionAndACachingRule() throws Exception {
    for (String path : PUBLIC) {
      MockHttpServletResponse r = answer(get(path));
      assertThat(r.getStatus()).as(path).isEqualTo(200);
      assertThat(r.getHeader("ETag")).as(path).matches("W/\"41-[0-9a-f]{16}\"");
      assertThat(r.getHeader("Cache-Control"))
          .as(path)
          .isEqualTo(path.startsWith("/badge") ? "max-age=300, public" : "no-cache, public");
    }
  }

  @Test
  void aCurrentCopyGets304WithoutTheMatrixBeingReadOrRendered() throws Exception {
    for (String path : PUBLIC) {
      String etag = answer(get(path)).getHeader("ETag");
      clearInvocations(matrix, pages, projects, trends);

      MockHttpServletResponse r = answer(get(path).header("If-None-Match", etag));

      assertThat(r.getStatus()).as(path).isEqualTo(304);
      assertThat(r.getContentAsByteArray()).as(path).isEmpty();
      assertThat(r.getHeader("ETag")).as(path).isEqualTo(etag);
      assertThat(r.getHeader("Cache-Control")).as(path).isNotNull();
      verifyNoInteractions(matrix, pages, trends);
      verify(projects, never()).projectSlugs();
    }
  }

  @Test
  void aVisitorWithoutACopyGetsTheAnswerKeptForTheSameEtagWithoutAnythingBeingRead()
      throws Exception {
    given(versions.version("default")).willReturn(OptionalLong.of(43));
    given(versions.versions()).willReturn(Map.of("default", 43L));
    for (String path : PUBLIC) {
      MockHttpServletResponse first = answer(get(path));
      clearInvocations(matrix, pages, projects, trends);

      MockHttpServletResponse second = answer(get(path));

      assertThat(second.getStatus()).as(path).isEqualTo(200);
      assertThat(second.getHeader("ETag")).as(path).isEqualTo(first.getHeader("ETag"));
      assertThat(second.getContentType()).as(path).isEqualTo(first.getContentType());
      assertThat(second.getHeader("Cache-Control"))
          .as(path)
          .isEqualTo(first.getHeader("Cache-Control"));
      assertThat(second.getContentAsByteArray())
          .as(path)
          .isNotEmpty()
          .isEqualTo(first.getContentAsByteArray());
      verifyNoInteractions(matrix, pages, trends);
      verify(projects, never()).projectSlugs();
    }
  }

  @Test
  void aNewVersionChangesTheEtagAndTheOldOneGetsTheWholeAnswer() throws Exception {
    for (String path : PUBLIC) {
      given(versions.version("default")).willReturn(OptionalLong.of(41));
      given(versions.versions()).willReturn(Map.of("default", 41L));
      String old = answer(get(path)).getHeader("ETag");
      given(versions.version("default")).willReturn(OptionalLong.of(42));
      given(versions.versions()).willReturn(Map.of("default", 42L));

      MockHttpServletResponse r = answer(get(path).header("If-None-Match", old));

      assertThat(r.getStatus()).as(path).isEqualTo(200);
      assertThat(r.getHeader("ETag")).as(path).isNotEqualTo(old).startsWith("W/\"42-");
    }
  }

  @Test
  void theEtagVariesWithTheQueryAndTheHostNamedInThePage() throws Exception {
    String plain = answer(get("/matrix/default")).getHeader("ETag");
    String filtered = answer(get("/matrix/default?stack=4.3")).getHeader("ETag");
    String otherHost =
        answer(get("/matrix/default").header("Host", "matrix.example.org")).getHeader("ETag");
    String overall = answer(get("/badge/default.svg")).getHeader("ETag");
    String labelled = answer(get("/badge/default.svg?label=shim")).getHeader("ETag");

    assertThat(List.of(plain, filtered, otherHost)).doesNotHaveDuplicates();
    assertThat(overall).isNotEqualTo(labelled);
    // An ETag of another answer is not a current copy of this one.
    assertThat(answer(get("/matrix/default?stack=4.3").header("If-None-Match", plain)).getStatus())
        .isEqualTo(200);
  }

  @Test
  void aSignedInMaintainerGetsNoSharedCopyAndNo304() throws Exception {
    String etag = answer(get("/matrix/default")).getHeader("ETag");
    for (String path : List.of("/", "/matrix/default", PUBLIC.get(3))) {
      MockHttpServletResponse r =
          answer(get(path).principal(() -> "admin").header("If-None-Match", etag));
      assertThat(r.getStatus()).as(path).isEqualTo(200);
      assertThat(r.getHeader("ETag")).as(path).isNull();
      assertThat(r.getHeader("Cache-Control")).as(path).isEqualTo("no-store, private");
    }
  }

  @Test
  void anUnknownProjectIsNotKept() throws Exception {
    given(versions.version(anyString())).willReturn(OptionalLong.empty());
    given(matrix.matrix(eq("nope"), any())).willReturn(Optional.empty());

    MockHttpServletResponse r = answer(get("/matrix/nope").header("If-None-Match", "*"));

    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(r.getHeader("ETag")).isNull();
    assertThat(r.getHeader("Cache-Control")).isNotEqualTo("no-cache, public");
  }
}
