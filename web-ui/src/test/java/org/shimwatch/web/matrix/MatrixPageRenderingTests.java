package org.shimwatch.web.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.system.ProjectsQuery;
import org.shimwatch.web.trends.MonthActivity;
import org.shimwatch.web.trends.TrendQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The matrix pages render the same HTML, byte for byte, as they did before their rendering was made
 * faster: {@code /}, {@code /matrix/default} unfiltered and filtered, as a maintainer, and a cell's
 * drill-down, for a fixed matrix of every kind of cell (every tier, low samples, empty slots,
 * advice, inactive-shim counts) whose names carry markup, quotes, ampersands and accents. The
 * expected pages in {@code src/test/resources/rendering/} were rendered by the Thymeleaf templates
 * as they were; {@code -Dshimwatch.rendering.rewrite=true} writes them anew from the current code.
 */
@WebMvcTest(
    controllers = MatrixPageController.class,
    includeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = "org\\.shimwatch\\.web\\.home\\.HomeController"))
@Import({MatrixPages.class, org.shimwatch.web.cache.PublicCache.class})
class MatrixPageRenderingTests {

  static final String HOSTILE = "<script>alert(\"x\" & 'y')</script>";

  @Autowired MockMvc mvc;
  @MockitoBean MatrixQuery matrix;
  @MockitoBean MatrixPageQuery pages;
  @MockitoBean org.shimwatch.web.cache.PublicVersionQuery versions;
  @MockitoBean TrendQuery trends;
  @MockitoBean AdviceQuery advice;
  @MockitoBean ProjectsQuery projects;

  @BeforeEach
  void stubs() {
    given(projects.projectSlugs()).willReturn(List.of("default"));
    given(matrix.matrix(eq("default"), any()))
        .willAnswer(a -> Optional.of(view(a.getArgument(1, MatrixRequest.class))));
    given(pages.choices("default"))
        .willReturn(
            Optional.of(
                new MatrixChoices(
                    List.of("os2", "eComStation 1.1", "Linux & \"friends\" é"),
                    List.of("4.3", "os2-tcpip 4.3"),
                    List.of("BitTorrent", HOSTILE),
                    List.of("1.0", "3.4.2"),
                    List.of("2004-02", "0.2.0"))));
    given(trends.months("default"))
        .willReturn(
            Optional.of(
                List.of(
                    new MonthActivity(YearMonth.of(2026, 10), 40, 12, 12),
                    new MonthActivity(YearMonth.of(2026, 11), 61, 20, 8))));
    given(advice.cellsWithAdvice(any(), any()))
        .willAnswer(
            a -> {
              MatrixView v = a.getArgument(0, MatrixView.class);
              Set<String> marked = new HashSet<>();
              marked.add(v.rows().get(0).key() + "|" + v.columns().get(0).key());
              marked.add(v.rows().get(3).key() + "|" + v.columns().get(2).key());
              return marked;
            });
  }

  /**
   * Seven rows and five columns: every tier, low samples with and without counts, a slot without a
   * cell in every row but one, and names that need escaping in text, attributes and URLs.
   */
  static MatrixView view(MatrixRequest request) {
    boolean maintainer = request.maintainer();
    List<MatrixRow> rows = new ArrayList<>();
    String[] platforms = {
      "eComStation 1.1",
      "OS/2 Warp 4.52",
      "ArcaOS 5.0",
      HOSTILE,
      "Linux & \"friends\" é",
      "OS/2 Warp 3",
      "eComStation 2.1"
    };
    for (int i = 0; i < platforms.length; i++) {
      rows.add(
          new MatrixRow(
              String.format("%032x", 0xabc000L + i),
              i == 4 ? "linux" : "os2",
              platforms[i],
              i == 3 ? "os2-tcpip 4.3 " + HOSTILE : "os2-tcpip 4." + i,
              i % 3 == 0 ? "" : "UN0220" + i + " + NEWSTACK & co",
              List.of(),
              maintainer ? Long.valueOf(i % 2 == 0 ? i : 0) : null));
    }
    boolean shim = request.columns() == MatrixColumns.SHIM;
    List<MatrixColumn> columns = new ArrayList<>();
    String[] labels = {"BitTorrent 3.4.2", HOSTILE + " 1.0", "wget 1.8 é", "ftp & more 2", "ssh 1"};
    for (int j = 0; j < labels.length; j++) {
      String key = String.format("%032x", 0xfed000L + j);
      columns.add(
          shim
              ? new MatrixColumn(key, "shim " + labels[j], null, null, labels[j])
              : new MatrixColumn(key, labels[j], labels[j], "1." + j, null));
    }
    List<MatrixCell> cells = new ArrayList<>();
    Tier[] tiers = Tier.values();
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < columns.size(); j++) {
        if (i > 0 && (i + j) % 4 == 0) {
          continue;
        }
        Tier tier = tiers[(i * 5 + j) % tiers.length];
        boolean low = (i + 2 * j) % 5 == 0;
        long reports = 1 + i * 7L + j;
        long installations = (i + j) % 2 == 0 ? 1 : 3 + j;
        if (low && !maintainer) {
          cells.add(
              new MatrixCell(
                  i, j, Tier.NOT_ENOUGH_DATA, true, null, null, null, null, null, null, null));
        } else {
          cells.add(
              new MatrixCell(
                  i,
                  j,
                  tier,
                  low,
                  reports,
                  installations,
                  new MatrixCell.Outcomes(reports, 0, 0, 0, 0, 0),
                  new MatrixCell.Evidence(0, 0, 0),
                  0.5,
                  0.0,
                  Instant.parse("2026-03-01T10:00:00Z")));
        }
      }
    }
    return new MatrixView("default", request.columns(), 3, maintainer, rows, columns, cells);
  }

  @Test
  void theHomePageIsRenderedAsBefore() throws Exception {
    same("home.html", get("/"));
  }

  @Test
  void theMatrixPageIsRenderedAsBefore() throws Exception {
    same("matrix.html", get("/matrix/default"));
  }

  @Test
  void aFilteredMatrixPageIsRenderedAsBefore() throws Exception {
    same(
        "matrix-filtered.html",
        get("/matrix/default")
            .param("columns", "shim")
            .param("platform", "Linux & \"friends\" é")
            .param("stack", "4.3")
            .param("client", HOSTILE)
            .param("shim", "2004-02+x"));
  }

  @Test
  void aMaintainersMatrixPageIsRenderedAsBefore() throws Exception {
    same("matrix-maintainer.html", get("/matrix/default").principal(() -> "admin"));
  }

  @Test
  void aCellPageIsRenderedAsBefore() throws Exception {
    given(pages.cell(eq("default"), any()))
        .willReturn(Optional.of(MatrixPageControllerTests.detail(true, List.of())));
    same(
        "cell.html",
        get("/matrix/default/cell")
            .param("row", MatrixFixtures.ROW_KEY)
            .param("column", MatrixFixtures.COLUMN_KEY)
            .param("platform", "Linux & \"friends\" é"));
  }

  @Test
  void hostileNamesComeOutEscaped() throws Exception {
    String html = render(get("/matrix/default").param("client", HOSTILE));
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;")
        .contains("Linux &amp; &quot;friends&quot; é")
        .contains(
            "<span class=\"platform\">&lt;script&gt;alert(&quot;x&quot; &amp;"
                + " &#39;y&#39;)&lt;/script&gt;</span>")
        .contains(", &lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt; 1.0 (")
        .contains("client=%3Cscript%3Ealert%28%22x%22+%26+%27y%27%29%3C%2Fscript%3E");
  }

  private String render(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  private void same(String name, MockHttpServletRequestBuilder request) throws Exception {
    String html = render(request);
    if (Boolean.getBoolean("shimwatch.rendering.rewrite")) {
      Path file = Path.of("src/test/resources/rendering", name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, html, StandardCharsets.UTF_8);
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(html);
      return;
    }
    assertThat(html).isEqualTo(expected(name));
  }

  private static String expected(String name) throws IOException {
    try (InputStream in =
        MatrixPageRenderingTests.class.getResourceAsStream("/rendering/" + name)) {
      assertThat(in).as("the expected page " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
