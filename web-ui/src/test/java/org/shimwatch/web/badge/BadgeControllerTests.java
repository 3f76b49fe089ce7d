package org.shimwatch.web.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumn;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.matrix.Tier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(controllers = BadgeController.class)
@org.springframework.context.annotation.Import(org.shimwatch.web.cache.PublicCache.class)
class BadgeControllerTests {

  @Autowired MockMvc mvc;
  @MockitoBean MatrixQuery matrix;
  @MockitoBean org.shimwatch.web.cache.PublicVersionQuery versions;

  @org.junit.jupiter.api.BeforeEach
  void versions() {
    given(versions.version(anyString())).willReturn(java.util.OptionalLong.of(7));
  }

  static MatrixCell cell(int row, Tier tier, Long reports) {
    if (reports == null) {
      return new MatrixCell(row, 0, tier, true, null, null, null, null, null, null, null);
    }
    return new MatrixCell(
        row,
        0,
        tier,
        false,
        reports,
        5L,
        new MatrixCell.Outcomes(reports, 0, 0, 0, 0, 0),
        new MatrixCell.Evidence(0, 0, 0),
        0.9,
        0.0,
        Instant.parse("2026-03-01T00:00:00Z"));
  }

  /** Two rows with UN02200 (works: 30 reports, broken: 10) and one without (broken: 50). */
  static MatrixView view() {
    return new MatrixView(
        "default",
        MatrixColumns.CLIENT,
        3,
        false,
        List.of(
            new MatrixRow(
                "a",
                "os2",
                "eComStation 1.1",
                "os2-tcpip 4.3",
                "UN02200",
                List.of("csd:UN02200"),
                null),
            new MatrixRow(
                "b",
                "os2",
                "OS/2 Warp 4 4.52",
                "os2-tcpip 4.3",
                "UN02200",
                List.of("csd:UN02200", "fixpak:XR0M015"),
                null),
            new MatrixRow(
                "c",
                "os2",
                "OS/2 Warp 4 4.50",
                "os2-tcpip 4.3",
                "UN02100",
                List.of("csd:UN02100"),
                null)),
        List.of(new MatrixColumn("k", "BitTorrent 3.4", "BitTorrent", "3.4", null)),
        List.of(
            cell(0, Tier.WORKS, 30L),
            cell(1, Tier.BROKEN, 10L),
            cell(1, Tier.MOSTLY_WORKS, null),
            cell(2, Tier.BROKEN, 50L)));
  }

  private MvcResult svg(String path, int status) throws Exception {
    return svg(get(path), status);
  }

  private MvcResult svg(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
      int status)
      throws Exception {
    return mvc.perform(request)
        .andExpect(status().is(status))
        .andExpect(header().string("Content-Type", "image/svg+xml;charset=UTF-8"))
        .andReturn();
  }

  @Test
  void aSetupBadgeSaysTheTierMostOfItsReportsSupport() throws Exception {
    given(matrix.matrix(eq("default"), any())).willReturn(Optional.of(view()));

    MvcResult r = svg("/badge/default/works-on.svg?stack=4.3&fix=UN02200", 200);

    verify(matrix)
        .matrix(
            "default",
            new MatrixRequest(MatrixColumns.CLIENT, null, "4.3", null, null, null, false));
    String body = r.getResponse().getContentAsString();
    assertThat(r.getResponse().getHeader("Cache-Control")).isEqualTo("max-age=300, public");
    assertThat(body)
        .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .contains("<title>works on os2-tcpip 4.3 + UN02200: works</title>")
        .contains(">works on os2-tcpip 4.3 + UN02200</text>")
        .contains(">works</text>")
        .contains("fill=\"#1f7a3a\"");
  }

  @Test
  void withoutTheFixTheBrokenRowOutweighs() throws Exception {
    given(matrix.matrix(eq("default"), any())).willReturn(Optional.of(view()));

    String body =
        svg("/badge/default/works-on.svg?stack=4.3", 200).getResponse().getContentAsString();

    assertThat(body).contains(">broken</text>").contains("fill=\"#b3261e\"");
  }

  @Test
  void filtersReachTheQueryAndSeveralFixesMustAllBePresent() throws Exception {
    given(matrix.matrix(eq("default"), any())).willReturn(Optional.of(view()));

    String body =
        svg(
                "/badge/default/works-on.svg?platform=os2&stack=4.3&client=BitTorrent&clientVersion=3.4"
                    + "&shim=2004-02&fix=un02200&fix=fixpak:XR0M015",
                200)
            .getResponse()
            .getContentAsString();

    verify(matrix)
        .matrix(
            "default",
            new MatrixRequest(
                MatrixColumns.CLIENT, "os2", "4.3", "BitTorrent", "3.4", "2004-02", false));
    assertThat(body)
        .contains(">broken</text>")
        .contains(
            "works on os2 os2-tcpip 4.3 + un02200 + fixpak:XR0M015 with BitTorrent 3.4, shim 2004-02");
  }

  @Test
  void theOverallBadgeNamesTheProjectAndCellsWithoutCountsDoNotVote() throws Exception {
    given(matrix.matrix(eq("default"), any()))
        .willReturn(
            Optional.of(
                new MatrixView(
                    "default",
                    MatrixColumns.CLIENT,
                    3,
                    false,
                    view().rows(),
                    view().columns(),
                    List.of(cell(0, Tier.MOSTLY_WORKS, 4L), cell(1, Tier.BROKEN, null)))));

    String body = svg("/badge/default.svg", 200).getResponse().getContentAsString();

    verify(matrix).matrix("default", MatrixRequest.publicDefault());
    assertThat(body).contains("<title>default: mostly works</title>");
  }

  @Test
  void withNoCountedCellTheBadgeSaysNotEnoughData() throws Exception {
    given(matrix.matrix(eq("default"), any()))
        .willReturn(
            Optional.of(
                new MatrixView(
                    "default", MatrixColumns.CLIENT, 3, false, List.of(), List.of(), List.of())));

    assertThat(svg("/badge/default/works-on.svg?stack=9.9", 200).getResponse().getContentAsString())
        .contains(">not enough data</text>");
  }

  @Test
  void hostileTextIsEscapedAndTheWidthFollowsTheText() throws Exception {
    given(matrix.matrix(eq("default"), any())).willReturn(Optional.of(view()));

    String hostile =
        svg(get("/badge/default/works-on.svg").param("label", "<script>alert(1)</script>\"'&"), 200)
            .getResponse()
            .getContentAsString();
    String shortOne = svg("/badge/default.svg?label=a", 200).getResponse().getContentAsString();
    String longOne =
        svg(get("/badge/default.svg").param("label", "a much longer label than that"), 200)
            .getResponse()
            .getContentAsString();

    assertThat(hostile)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
    assertThat(width(longOne)).isGreaterThan(width(shortOne) + 150);
  }

  private static int width(String svg) {
    String w = svg.substring(svg.indexOf("width=\"") + 7);
    return Integer.parseInt(w.substring(0, w.indexOf('"')));
  }

  @Test
  void anUnknownProjectGetsA404Badge() throws Exception {
    given(matrix.matrix(eq("nope"), any())).willReturn(Optional.empty());

    assertThat(svg("/badge/nope.svg", 404).getResponse().getContentAsString())
        .contains("unknown project");
    assertThat(svg("/badge/nope/works-on.svg?stack=4.3", 404).getResponse().getContentAsString())
        .contains("unknown project");
  }

  @Test
  void badParametersGetA400Badge() throws Exception {
    given(matrix.matrix(eq("default"), any()))
        .willThrow(
            new BadQueryException("invalid-filter", "stack", "stack holds a control character"));

    assertThat(svg("/badge/default/works-on.svg?stack=4.3", 400).getResponse().getContentAsString())
        .contains("bad request: stack holds a control character");
    assertThat(
            svg("/badge/default/works-on.svg?fix=" + "x".repeat(101), 400)
                .getResponse()
                .getContentAsString())
        .contains("fix is longer than 100 characters");
  }
}
