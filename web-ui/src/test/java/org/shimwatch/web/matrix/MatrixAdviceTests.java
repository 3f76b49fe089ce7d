package org.shimwatch.web.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.shimwatch.web.matrix.MatrixFixtures.COLUMN_KEY;
import static org.shimwatch.web.matrix.MatrixFixtures.ROW_KEY;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.advice.AdviceQuery;
import org.shimwatch.web.advice.AdviceView;
import org.shimwatch.web.advice.AppliesTo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Advice on the public matrix: a marker on the cells it applies to, the entries in the cell. */
@WebMvcTest(controllers = MatrixPageController.class)
@Import({MatrixPages.class, org.shimwatch.web.cache.PublicCache.class})
class MatrixAdviceTests {

  @Autowired MockMvc mvc;
  @MockitoBean MatrixQuery matrix;
  @MockitoBean MatrixPageQuery pages;
  @MockitoBean org.shimwatch.web.cache.PublicVersionQuery versions;
  @MockitoBean org.shimwatch.web.trends.TrendQuery trends;
  @MockitoBean AdviceQuery advice;

  static final AdviceView ENTRY =
      new AdviceView(
          4,
          "default",
          "Traps in TCPIP32 <under load>",
          "Install **UN02200**.\n\n<script>alert(1)</script> [x](javascript:alert(2))",
          new AppliesTo("os2-tcpip", "4.21", "4.3", null, null, null, null, null, null),
          null,
          "0.2.0",
          Instant.parse("2026-03-01T10:00:00Z"),
          "admin",
          Instant.parse("2026-03-01T10:00:00Z"),
          "admin");

  @BeforeEach
  void stubs() {
    given(matrix.matrix(eq("default"), any()))
        .willReturn(Optional.of(MatrixFixtures.view("default", false)));
    given(pages.choices("default")).willReturn(Optional.of(MatrixFixtures.choices()));
  }

  @Test
  void cellsWithAdviceAreMarkedAndTheLegendLinksTheList() throws Exception {
    given(advice.cellsWithAdvice(any(), eq(null))).willReturn(Set.of(ROW_KEY + "|" + COLUMN_KEY));
    String html =
        mvc.perform(get("/matrix/default"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html.split("class=\"advice-marker\">known issue</span>", -1)).hasSize(2);
    assertThat(html).contains("href=\"/known-issues/default\"");
  }

  @Test
  void noMarkerAndNoLegendWithoutAdvice() throws Exception {
    String html =
        mvc.perform(get("/matrix/default"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html).doesNotContain("advice-marker").doesNotContain("/known-issues/");
  }

  @Test
  void theCellShowsItsAdviceRenderedSafely() throws Exception {
    CellDetail d = MatrixPageControllerTests.detail(true, List.of());
    given(pages.cell(eq("default"), any())).willReturn(Optional.of(d));
    given(advice.forCell(d)).willReturn(List.of(ENTRY));
    String html =
        mvc.perform(get("/matrix/default/cell").param("row", ROW_KEY).param("column", COLUMN_KEY))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("Known issues and workarounds")
        .contains("id=\"advice-4\"")
        .contains("Traps in TCPIP32 &lt;under load&gt;")
        .contains("Applies to <span>stack os2-tcpip 4.21 to 4.3</span>")
        .contains("<span class=\"mono fixed-in\">0.2.0</span>")
        .contains("<p>Install <strong>UN02200</strong>.</p>")
        .contains("<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2))</p>")
        .doesNotContain("<script>alert")
        .doesNotContain("href=\"javascript");
  }
}
