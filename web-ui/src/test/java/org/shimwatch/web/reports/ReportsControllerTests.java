package org.shimwatch.web.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.shimwatch.web.chart.LatencyBin;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = ReportsController.class)
class ReportsControllerTests {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
  static final String ATTR = "\" onmouseover=alert(2) x=\"";
  static final UUID ID = UUID.fromString("6f1c2a9e-0000-4000-8000-000000000001");

  @Autowired MockMvc mvc;
  @MockitoBean ProjectsQuery projects;
  @MockitoBean ReportsQuery reports;

  @BeforeEach
  void data() {
    given(projects.maintainerSlugs()).willReturn(List.of("default"));
    given(reports.choices(anyString()))
        .willReturn(
            Optional.of(
                new ReportChoices(
                    List.of("eComStation 1.1"),
                    List.of("os2-tcpip 4.3"),
                    List.of(SCRIPT),
                    List.of("2004-02"))));
  }

  static ReportSummary summary(UUID id, String client) {
    return new ReportSummary(
        id,
        Instant.parse("2026-11-20T10:15:00Z"),
        "traps",
        "eComStation",
        "1.1",
        "os2-tcpip",
        "4.3",
        client,
        "3.4.2",
        "2004-02",
        1,
        3);
  }

  @Test
  void theListShowsItsColumnsEscapedAndLinksTheNextPage() throws Exception {
    List<ReportSummary> page = new ArrayList<>();
    page.add(summary(ID, SCRIPT));
    for (int i = 1; i < 50; i++) {
      page.add(summary(UUID.randomUUID(), "BitTorrent"));
    }
    given(reports.reports(eq("default"), any(), eq(0), eq(50)))
        .willReturn(Optional.of(new ReportPage(0, 50, 120, page)));

    mvc.perform(get("/maintainer/reports").param("q", ATTR))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Reports 1–50 of 120, newest first.")))
        .andExpect(content().string(containsString("2026-11-20 10:15")))
        .andExpect(content().string(containsString("eComStation 1.1")))
        .andExpect(content().string(containsString("os2-tcpip 4.3")))
        .andExpect(content().string(containsString(ESCAPED + " 3.4.2")))
        .andExpect(
            content().string(containsString("/maintainer/reports/" + ID + "?project=default")))
        .andExpect(content().string(containsString("rel=\"next\"")))
        .andExpect(content().string(containsString("page=1")))
        .andExpect(content().string(not(containsString("rel=\"prev\""))))
        .andExpect(content().string(containsString("Page 1 of 3")))
        .andExpect(content().string(not(containsString(SCRIPT))))
        .andExpect(content().string(not(containsString("\" onmouseover"))))
        .andExpect(content().string(not(containsString("style=\""))));
  }

  @Test
  void everyFilterIsParsedAndPassedOn() throws Exception {
    given(reports.reports(anyString(), any(), anyInt(), anyInt()))
        .willReturn(Optional.of(new ReportPage(2, 50, 0, List.of())));

    mvc.perform(
            get("/maintainer/reports")
                .param("project", "default")
                .param("outcome", "Select-Problem")
                .param("os", " eComStation ")
                .param("stack", "os2-tcpip 4.3")
                .param("client", "BitTorrent")
                .param("shim", "2004-02")
                .param("hasTrap", "no")
                .param("consent", "2")
                .param("from", "2026-11-01")
                .param("to", "2026-11-30")
                .param("q", "100%")
                .param("page", "2"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"select-problem\" selected")));

    ArgumentCaptor<ReportFilter> filter = ArgumentCaptor.forClass(ReportFilter.class);
    verify(reports).reports(eq("default"), filter.capture(), eq(2), eq(50));
    assertThat(filter.getValue())
        .isEqualTo(
            new ReportFilter(
                "select-problem",
                "eComStation",
                "os2-tcpip 4.3",
                "BitTorrent",
                "2004-02",
                false,
                2,
                LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 30),
                "100%"));
  }

  @Test
  void aPageBeyondTheEndIsEmptyWithANotice() throws Exception {
    given(reports.reports(anyString(), any(), eq(9), anyInt()))
        .willReturn(Optional.of(new ReportPage(9, 50, 60, List.of())));

    mvc.perform(get("/maintainer/reports").param("page", "9").param("outcome", "works"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("There is no page 10: the list has 2 pages.")))
        .andExpect(content().string(containsString("rel=\"prev\"")))
        .andExpect(content().string(containsString("outcome=works&amp;page=1")));
  }

  @Test
  void badFiltersAreA400PageAndAskNothing() throws Exception {
    String[][] bad = {
      {"outcome", "great"},
      {"consent", "9"},
      {"hasTrap", "maybe"},
      {"from", "2026-13-01"},
      {"to", "yesterday"},
      {"page", "-1"},
      {"page", "two"},
      {"q", "x".repeat(300)},
      {"client", "a\u0001b"},
    };
    for (String[] p : bad) {
      mvc.perform(get("/maintainer/reports").param(p[0], p[1]))
          .andExpect(status().isBadRequest())
          .andExpect(content().string(containsString("Cannot show this page")));
    }
    mvc.perform(get("/maintainer/reports").param("from", "2026-12-01").param("to", "2026-11-01"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("from is after to")));
    verify(reports, never()).reports(anyString(), any(), anyInt(), anyInt());
  }

  @Test
  void aReportShowsEnvironmentChartsTrapsAndCommentEscaped() throws Exception {
    Map<String, Long> results = new LinkedHashMap<>();
    results.put("ready", 1210L);
    results.put("timeout", 88950L);
    ReportDetail.Call call =
        new ReportDetail.Call(
            "select",
            90412,
            results,
            Map.of("EBADF", 241L),
            List.of(new LatencyBin(352, 376, 60000), new LatencyBin(2_000_000, 2_131_072, 12)),
            new ReportDetail.Percentiles(60012, 364, 364, 2_065_536, 2_100_000),
            List.of(new LatencyBin(5_767_168, 6_029_312, 70000)),
            new ReportDetail.Percentiles(70000, 5_898_240, 5_898_240, 5_898_240, 5_898_240),
            Map.of("fdAboveSetsize", 250L));
    ReportDetail.Call once =
        new ReportDetail.Call(
            "poll",
            1,
            Map.of("ready", 1L),
            Map.of(),
            List.of(new LatencyBin(4_096, 4_352, 1)),
            new ReportDetail.Percentiles(1, 4_200, 4_200, 4_200, 4_200),
            List.of(),
            new ReportDetail.Percentiles(0, 0, 0, 0, 0),
            Map.of());
    ReportDetail.TrapView trap =
        new ReportDetail.TrapView(
            0,
            "os2-popuplog",
            "c0000005",
            "SYS3175",
            SCRIPT,
            "0001:0000a1f4",
            null,
            "PYTHON.EXE",
            42L,
            List.of(
                new ReportDetail.Frame(SCRIPT, "0001", "0000a1f4", null),
                new ReportDetail.Frame("_SOCKET.PYD", "0001", "00001c30", "sock_recv")),
            List.of(new ReportDetail.RecentCall("select", 5L, -1L, -1L, "EBADF", 1200L)),
            Map.of("EAX", "00000000"));
    ReportDetail detail =
        new ReportDetail(
            summary(ID, SCRIPT),
            Instant.parse("2026-11-18T20:47:05Z"),
            "cli",
            "os2",
            "14.100c_W4",
            "UN02200",
            List.of(new ReportDetail.Component("TCPIP32.DLL", null, true)),
            List.of("csd:UN02200", "newstack:NEWSTACK=2004-03"),
            "EMX Python 2.3.3",
            "replace-lib-dynload",
            List.of(new ReportDetail.SelfTest("select-readiness", "fail", SCRIPT, 12L, List.of())),
            1,
            List.of(call, once),
            List.of(trap),
            "it trapped " + SCRIPT + ATTR,
            "pending",
            false,
            true,
            null,
            "{}");
    given(reports.report("default", ID)).willReturn(Optional.of(detail));

    mvc.perform(get("/maintainer/reports/" + ID))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<svg")))
        .andExpect(content().string(containsString("select() latency")))
        .andExpect(content().string(containsString("select() timeout overshoot")))
        .andExpect(content().string(containsString("select() — 90,412 calls<")))
        .andExpect(content().string(containsString("poll() — 1 call<")))
        .andExpect(content().string(containsString("<td class=\"num\">364 ns</td>")))
        .andExpect(content().string(containsString("<td class=\"num\">2.1 ms</td>")))
        .andExpect(content().string(containsString("ready 1210, ")))
        .andExpect(content().string(containsString("fdAboveSetsize 250")))
        .andExpect(content().string(containsString("os2-tcpip 4.3, level UN02200")))
        .andExpect(content().string(containsString("newstack:NEWSTACK=2004-03")))
        .andExpect(content().string(containsString("sock_recv")))
        .andExpect(content().string(containsString("/maintainer/traps/42?project=default")))
        .andExpect(content().string(containsString("1.2 µs")))
        .andExpect(content().string(containsString("pending")))
        .andExpect(content().string(containsString(ESCAPED)))
        .andExpect(content().string(not(containsString(SCRIPT))))
        .andExpect(content().string(not(containsString("\" onmouseover"))))
        .andExpect(content().string(not(containsString("pruned by retention"))))
        .andExpect(content().string(not(containsString("style=\""))));
  }

  @Test
  void aPrunedReportSaysSo() throws Exception {
    ReportDetail detail =
        new ReportDetail(
            summary(ID, "BitTorrent"),
            Instant.parse("2026-11-18T20:47:05Z"),
            null,
            "os2",
            null,
            null,
            List.of(),
            List.of(),
            null,
            "unknown",
            List.of(),
            2,
            List.of(),
            List.of(),
            null,
            "none",
            false,
            false,
            Instant.parse("2026-11-25T00:00:00Z"),
            null);
    given(reports.report("default", ID)).willReturn(Optional.of(detail));

    mvc.perform(get("/maintainer/reports/" + ID))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("pruned by retention")))
        .andExpect(content().string(containsString(" on 2026-11-25")))
        .andExpect(content().string(containsString("2 self-tests failed (details pruned).")))
        .andExpect(content().string(containsString("No comment.")));
  }

  @Test
  void aBadOrUnknownReportIdIsA4xxPage() throws Exception {
    mvc.perform(get("/maintainer/reports/not-a-uuid"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("a report id is a UUID")));
    given(reports.report(anyString(), any())).willReturn(Optional.empty());
    mvc.perform(get("/maintainer/reports/" + ID))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("There is no such report in this project.")));
    mvc.perform(get("/maintainer/reports/" + ID).param("project", "nope"))
        .andExpect(status().isNotFound());
  }
}
