package org.shimwatch.web.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.shimwatch.web.matrix.MatrixFixtures.COLUMN_KEY;
import static org.shimwatch.web.matrix.MatrixFixtures.ROW_KEY;
import static org.shimwatch.web.matrix.MatrixFixtures.SCRIPT;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.shimwatch.web.BadQueryException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = MatrixPageController.class)
@Import({MatrixPages.class, org.shimwatch.web.cache.PublicCache.class})
class MatrixPageControllerTests {

  @Autowired MockMvc mvc;
  @MockitoBean MatrixQuery matrix;
  @MockitoBean MatrixPageQuery pages;
  @MockitoBean org.shimwatch.web.cache.PublicVersionQuery versions;
  @MockitoBean org.shimwatch.web.trends.TrendQuery trends;

  @BeforeEach
  void stubs() {
    given(matrix.matrix(eq("default"), any()))
        .willAnswer(
            a ->
                Optional.of(
                    MatrixFixtures.view(
                        "default", a.getArgument(1, MatrixRequest.class).maintainer())));
    given(pages.choices("default")).willReturn(Optional.of(MatrixFixtures.choices()));
  }

  @Test
  void theProjectPageShowsInstallationsAndReportsPerMonth() throws Exception {
    given(trends.months("default"))
        .willReturn(
            Optional.of(
                List.of(
                    new org.shimwatch.web.trends.MonthActivity(
                        java.time.YearMonth.of(2026, 10), 40, 12, 12),
                    new org.shimwatch.web.trends.MonthActivity(
                        java.time.YearMonth.of(2026, 11), 61, 20, 8))));

    String html =
        mvc.perform(get("/matrix/default"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(html)
        .contains("Installations and reports per month")
        .contains("id=\"activity-per-month\"")
        .contains("<svg")
        .contains(">Nov 2026<")
        .contains(">20<")
        .contains(">61 reports<");
  }

  @Test
  void theMatrixShowsEachTierAsTextAndColourWithCountsAndCellLinks() throws Exception {
    String html =
        mvc.perform(get("/matrix/default"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(html)
        .contains("class=\"cell tier-works\"")
        .contains(">works</span>")
        .contains("40 reports, 12 installations")
        .contains("class=\"cell tier-nodata\"")
        .contains(">not enough data</span>")
        .contains(
            "/matrix/default/cell?row=" + ROW_KEY + "&amp;columns=client&amp;column=" + COLUMN_KEY)
        .contains("What the tiers mean")
        .contains("mostly works")
        .contains("href=\"/api/v1/projects/default/matrix\"")
        .contains("href=\"/api/v1/projects/default/matrix?format=csv\"")
        .contains("src=\"/badge/default.svg\"")
        .contains("Clear filters")
        .doesNotContain("low sample</span>");
    ArgumentCaptor<MatrixRequest> request = ArgumentCaptor.forClass(MatrixRequest.class);
    verify(matrix).matrix(eq("default"), request.capture());
    assertThat(request.getValue()).isEqualTo(MatrixRequest.publicDefault());
  }

  @Test
  void filtersPassThroughToTheQueryAndIntoTheLinks() throws Exception {
    String html =
        mvc.perform(
                get("/matrix/default")
                    .param("columns", "shim")
                    .param("platform", "eComStation 1.1")
                    .param("stack", "4.3")
                    .param("client", "BitTorrent")
                    .param("clientVersion", "3.4.2")
                    .param("shim", "2004-02+x"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    ArgumentCaptor<MatrixRequest> request = ArgumentCaptor.forClass(MatrixRequest.class);
    verify(matrix).matrix(eq("default"), request.capture());
    assertThat(request.getValue())
        .isEqualTo(
            new MatrixRequest(
                MatrixColumns.SHIM,
                "eComStation 1.1",
                "4.3",
                "BitTorrent",
                "3.4.2",
                "2004-02+x",
                false));
    String query =
        "columns=shim&amp;platform=eComStation+1.1&amp;stack=4.3&amp;client=BitTorrent"
            + "&amp;clientVersion=3.4.2&amp;shim=2004-02%2Bx";
    assertThat(html)
        .contains("href=\"/api/v1/projects/default/matrix?" + query + "\"")
        .contains("href=\"/api/v1/projects/default/matrix?" + query + "&amp;format=csv\"")
        .contains("value=\"eComStation 1.1\"")
        .contains("src=\"/badge/default/works-on.svg?platform=eComStation+1.1&amp;stack=4.3")
        .contains("[![Shimwatch compatibility](http://localhost/badge/default/works-on.svg?");
  }

  @Test
  void aSignedInMaintainerSeesLowSampleCellsWithTheirTier() throws Exception {
    String html =
        mvc.perform(get("/matrix/default").principal(() -> "admin"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    ArgumentCaptor<MatrixRequest> request = ArgumentCaptor.forClass(MatrixRequest.class);
    verify(matrix).matrix(eq("default"), request.capture());
    assertThat(request.getValue().maintainer()).isTrue();
    assertThat(html)
        .contains("class=\"cell tier-broken low\"")
        .contains("low sample</span>")
        .contains("2 reports, 1 installation<")
        .contains("2 with the shim inactive");
  }

  @Test
  void filterChoicesAndTheChartAreReadOncePerPublicVersion() throws Exception {
    // Versions no other test uses: the pages' bean, and what it keeps, outlive a test.
    java.util.concurrent.atomic.AtomicLong version =
        new java.util.concurrent.atomic.AtomicLong(7_000_001);
    given(versions.version("default")).willAnswer(a -> java.util.OptionalLong.of(version.get()));
    given(trends.months("default"))
        .willReturn(
            Optional.of(
                List.of(
                    new org.shimwatch.web.trends.MonthActivity(
                        java.time.YearMonth.of(2026, 11), 61, 20, 8))));

    for (int i = 0; i < 3; i++) {
      if (i == 2) {
        // What the public sees has changed: the choices and the chart are read again.
        version.set(7_000_002);
      }
      mvc.perform(get("/matrix/default").param("platform", "os2 " + i))
          .andExpect(status().isOk())
          .andExpect(content().string(containsString("value=\"eComStation 1.1\"")))
          .andExpect(content().string(containsString(">Nov 2026<")));
    }

    verify(pages, org.mockito.Mockito.times(2)).choices("default");
    verify(trends, org.mockito.Mockito.times(2)).months("default");
  }

  @Test
  void hostileNamesAreEscaped() throws Exception {
    mvc.perform(get("/matrix/default"))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString(SCRIPT))))
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")));
  }

  @Test
  void aMalformedFilterGivesA400PageWithTheMessage() throws Exception {
    given(matrix.matrix(eq("default"), any()))
        .willThrow(
            new BadQueryException(
                "client-version-without-client", "clientVersion", "clientVersion needs client"));

    mvc.perform(get("/matrix/default").param("clientVersion", "1.0"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("text/html"))
        .andExpect(content().string(containsString("clientVersion needs client")));
    mvc.perform(get("/matrix/default").param("columns", "rows"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("columns is client or shim")));
  }

  @Test
  void anUnknownProjectIs404() throws Exception {
    given(matrix.matrix(eq("nope"), any())).willReturn(Optional.empty());

    mvc.perform(get("/matrix/nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("There is no such project.")));
    mvc.perform(get("/matrix/nope/cell").param("row", ROW_KEY).param("column", COLUMN_KEY))
        .andExpect(status().isNotFound());
  }

  static CellDetail detail(boolean countsShown, List<CellComment> comments) {
    MatrixView v = MatrixFixtures.view("default", false);
    if (!countsShown) {
      return new CellDetail(
          "default",
          MatrixColumns.CLIENT,
          3,
          false,
          v.rows().get(0),
          v.columns().get(1),
          null,
          null,
          null,
          Tier.NOT_ENOUGH_DATA,
          true,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          List.of(),
          List.of(),
          null);
    }
    return new CellDetail(
        "default",
        MatrixColumns.CLIENT,
        3,
        false,
        v.rows().get(0),
        v.columns().get(0),
        null,
        null,
        "2004-02",
        Tier.MOSTLY_WORKS,
        false,
        41L,
        7L,
        new MatrixCell.Outcomes(30, 4, 2, 1, 3, 1),
        new MatrixCell.Evidence(5, 4, 2),
        33L,
        40L,
        0.6733,
        0.9123,
        0.1219,
        Instant.parse("2026-03-01T10:05:00Z"),
        comments,
        List.of(
            new CellFixSet(
                List.of("csd:UN02200", "newstack:NEWSTACK=2004-03"), 30, 25, 29, 0.7, 0.95)),
        11L);
  }

  @Test
  void theCellDrillDownShowsCountsIntervalAndApprovedComments() throws Exception {
    given(pages.cell(eq("default"), any()))
        .willReturn(
            Optional.of(
                detail(
                    true,
                    List.of(
                        new CellComment(
                            Instant.parse("2026-02-03T04:05:06Z"),
                            "BitTorrent",
                            "3.4.2",
                            "2004-02",
                            "Works after " + SCRIPT + " UN02200")))));

    String html =
        mvc.perform(
                get("/matrix/default/cell")
                    .param("row", ROW_KEY)
                    .param("columns", "client")
                    .param("column", COLUMN_KEY)
                    .param("shim", "2004-02")
                    .param("platform", "os2"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    ArgumentCaptor<CellRequest> request = ArgumentCaptor.forClass(CellRequest.class);
    verify(pages).cell(eq("default"), request.capture());
    assertThat(request.getValue())
        .isEqualTo(
            new CellRequest(
                ROW_KEY, MatrixColumns.CLIENT, COLUMN_KEY, null, null, "2004-02", false));
    assertThat(html)
        .contains(">mostly works</span>")
        .contains("id=\"fix-level\">UN02200, no NEWSTACK &lt;script&gt;")
        .contains("<td>csd:UN02200, newstack:NEWSTACK=2004-03</td>")
        .contains("70% to 95% (25 of 29)")
        .contains("other fix sets, each from fewer installations")
        .contains("id=\"reports\">41<")
        .contains("id=\"installations\">7<")
        .contains("between 67% and 91% (33 of 40 reports with a clear outcome succeeded)")
        .contains("id=\"trap-share\">12%<")
        .contains("2026-03-01 10:05 UTC")
        .contains("id=\"outcome-select-problem\">4<")
        .contains("id=\"evidence-self-tests\">2<")
        .contains("2026-02-03")
        .contains("BitTorrent 3.4.2, shim 2004-02")
        .contains("Works after &lt;script&gt;alert(1)&lt;/script&gt; UN02200")
        .contains("href=\"/matrix/default?columns=client&amp;platform=os2&amp;shim=2004-02\"")
        .doesNotContain(SCRIPT);
  }

  @Test
  void aHiddenCellShowsNoCountsAndNoComments() throws Exception {
    given(pages.cell(eq("default"), any())).willReturn(Optional.of(detail(false, List.of())));

    String html =
        mvc.perform(
                get("/matrix/default/cell")
                    .param("row", ROW_KEY)
                    .param("column", MatrixFixtures.OTHER_COLUMN_KEY))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(html)
        .contains(">not enough data</span>")
        .contains("fewer than <span>3</span> installations")
        .doesNotContain("id=\"reports\"")
        .doesNotContain("What users say")
        .doesNotContain(SCRIPT);
  }

  @Test
  void aDrillDownWithoutItsKeysOrWithBadKeysIs400() throws Exception {
    mvc.perform(get("/matrix/default/cell").param("row", ROW_KEY))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("row and column name the cell")));
    verify(pages, never()).cell(anyString(), any());

    given(pages.cell(eq("default"), any()))
        .willThrow(
            new BadQueryException("invalid-cell", "row", "row is not the key of a matrix row"));
    mvc.perform(get("/matrix/default/cell").param("row", "x").param("column", "y"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("row is not the key of a matrix row")));
  }
}
