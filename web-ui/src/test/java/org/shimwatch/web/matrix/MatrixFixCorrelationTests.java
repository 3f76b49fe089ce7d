package org.shimwatch.web.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.shimwatch.web.matrix.MatrixFixtures.COLUMN_KEY;
import static org.shimwatch.web.matrix.MatrixFixtures.ROW_KEY;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.insight.CellFixQuery;
import org.shimwatch.web.insight.CellFixes;
import org.shimwatch.web.insight.FixCorrelation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The public fix correlation in a cell's drill-down: figures where the sample allows, else not. */
@WebMvcTest(controllers = MatrixPageController.class)
@Import({MatrixPages.class, org.shimwatch.web.cache.PublicCache.class})
class MatrixFixCorrelationTests {

  @Autowired MockMvc mvc;
  @MockitoBean MatrixQuery matrix;
  @MockitoBean MatrixPageQuery pages;
  @MockitoBean org.shimwatch.web.cache.PublicVersionQuery versions;
  @MockitoBean org.shimwatch.web.trends.TrendQuery trends;
  @MockitoBean CellFixQuery fixes;

  private String cell() throws Exception {
    return mvc.perform(
            get("/matrix/default/cell").param("row", ROW_KEY).param("column", COLUMN_KEY))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void fixesWithALargeEnoughSampleShowTheirRatesAndTheOthersSayNotEnoughData() throws Exception {
    CellDetail d = MatrixPageControllerTests.detail(true, List.of());
    given(pages.cell(eq("default"), any())).willReturn(Optional.of(d));
    given(fixes.forCell(d))
        .willReturn(
            Optional.of(
                new CellFixes(
                    "os2",
                    3,
                    20,
                    List.of(
                        new CellFixes.Line(
                            "csd:UN02200",
                            new FixCorrelation("os2", "csd:UN02200", 40, 0.9, 30, 0.6, 0.3)),
                        new CellFixes.Line("csd:WR08700", null)))));
    String html = cell();
    assertThat(html)
        .contains("Fixes and success, all <span>os2</span> reports")
        .contains("at least <span>3</span> installations")
        .contains("<span>20</span> reports with a clear outcome")
        .contains(">csd:UN02200</th>")
        .contains("<td>90% of 40</td>")
        .contains("<td>60% of 30</td>")
        .contains(">csd:WR08700</th>")
        .contains("class=\"not-enough\">not enough data</td>");
  }

  @Test
  void aCellWithHiddenCountsShowsNoFixCorrelation() throws Exception {
    CellDetail d = MatrixPageControllerTests.detail(false, List.of());
    given(pages.cell(eq("default"), any())).willReturn(Optional.of(d));
    assertThat(cell()).doesNotContain("Fixes and success");
    verify(fixes, never()).forCell(any());
  }
}
