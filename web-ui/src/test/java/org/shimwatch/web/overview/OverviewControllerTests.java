package org.shimwatch.web.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.insight.FixCorrelation;
import org.shimwatch.web.insight.InsightQuery;
import org.shimwatch.web.insight.RegressionFlag;
import org.shimwatch.web.system.ProjectsQuery;
import org.shimwatch.web.traps.TrapGroupQuery;
import org.shimwatch.web.traps.TrapGroupView;
import org.shimwatch.web.traps.TrapStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = OverviewController.class)
class OverviewControllerTests {

  static final String SCRIPT = "<script>alert(1)</script>";

  @Autowired MockMvc mvc;
  @MockitoBean ProjectsQuery projects;
  @MockitoBean OverviewQuery overviews;
  @MockitoBean TrapGroupQuery traps;
  @MockitoBean InsightQuery insight;
  @MockitoBean org.shimwatch.web.trends.TrendQuery trends;

  @BeforeEach
  void data() {
    given(projects.maintainerSlugs()).willReturn(List.of("default", "other"));
    List<Overview.DayCount> days = new ArrayList<>();
    LocalDate first = LocalDate.of(2026, 10, 28);
    for (int d = 0; d < OverviewQuery.DAYS; d++) {
      days.add(new Overview.DayCount(first.plusDays(d), d == 29 ? 104 : d % 3));
    }
    Overview o =
        new Overview(
            days,
            List.of(
                new Overview.ShimSuccess("0.1.0", 50, 40, 30),
                new Overview.ShimSuccess("", 5, 0, 0)),
            new Overview.IngestHealth(
                3,
                104,
                Instant.parse("2026-11-26T01:40:36Z"),
                0,
                20000,
                104L,
                2L,
                Map.of("invalid-report", 7L)),
            20);
    given(overviews.overview(anyString())).willReturn(Optional.of(o));
    given(traps.groups("default", TrapStatus.NEW))
        .willReturn(Optional.of(List.of(group(7, SCRIPT, TrapStatus.NEW))));
    given(traps.groups("default", TrapStatus.REGRESSED))
        .willReturn(Optional.of(List.of(group(9, "TCPIP32", TrapStatus.REGRESSED))));
    given(insight.regressions("default"))
        .willReturn(
            Optional.of(
                List.of(
                    new RegressionFlag(
                        "Debian GNU/Linux 12",
                        "linux 6.1",
                        "0.1.0",
                        "0.2.0",
                        new RegressionFlag.Rates(20, 20, 0.98, 0.9, 1, 0),
                        new RegressionFlag.Rates(20, 20, 0.5, 0.3, 0.7, 0.5),
                        List.of("success-rate-fell")))));
    List<FixCorrelation> fixes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      fixes.add(new FixCorrelation("os2", "csd:FIX" + i, 30, 0.9, 25, 0.4, 0.5));
    }
    given(insight.fixCorrelation("default", 20)).willReturn(Optional.of(fixes));
  }

  static TrapGroupView group(long id, String module, TrapStatus status) {
    return new TrapGroupView(
        id,
        "c0000005|" + module + "|1:a1f4",
        "c0000005",
        module,
        "1:a1f4",
        status,
        status == TrapStatus.REGRESSED ? "0.2.0" : null,
        status == TrapStatus.REGRESSED ? "regressed (was fixed in 0.2.0)" : "new",
        3,
        3,
        2,
        Instant.parse("2026-11-01T00:00:00Z"),
        Instant.parse("2026-11-20T00:00:00Z"),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void adoptionShowsInstallationsPerWeekSuccessByShimOverTimeAndRetention() throws Exception {
    List<org.shimwatch.web.trends.Adoption.Week> weeks = new ArrayList<>();
    LocalDate monday = LocalDate.of(2026, 6, 8);
    for (int w = 0; w < org.shimwatch.web.trends.TrendQuery.WEEKS; w++) {
      weeks.add(
          new org.shimwatch.web.trends.Adoption.Week(
              monday.plusWeeks(w), 10 + w, 6, 2, 4 + w, w == 0 ? 4 : 1));
    }
    LocalDate last = monday.plusWeeks(org.shimwatch.web.trends.TrendQuery.WEEKS - 1L);
    given(trends.adoption("default"))
        .willReturn(
            Optional.of(
                new org.shimwatch.web.trends.Adoption(
                    weeks,
                    List.of(
                        new org.shimwatch.web.trends.Adoption.ShimWeek(
                            last, "0.2.0", 9, 8, 1, 3, 1),
                        new org.shimwatch.web.trends.Adoption.ShimWeek(
                            last, "0.1.0", 4, 1, 3, 2, 0)),
                    List.of(
                        new org.shimwatch.web.trends.Adoption.Cohort(
                            last.minusWeeks(2), 10, List.of(10L, 6L, 3L))))));

    String html =
        mvc.perform(get("/maintainer"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(html)
        .contains("Installations reporting per week, last 26 weeks")
        .contains("id=\"installations-per-week\"")
        .contains("id=\"success-by-shim-weekly\"")
        .contains(">89% of 9<")
        .contains(">25% of 4<")
        .contains("id=\"retention\"")
        .contains(">60% (6)<")
        .contains(">30% (3)<");
    // Newer shim versions first.
    int table = html.indexOf("success-by-shim-weekly");
    assertThat(html.indexOf(">0.2.0<", table)).isLessThan(html.indexOf(">0.1.0<", table));
  }

  @Test
  void theOverviewDrawsItsChartsAndListsWhatNeedsALook() throws Exception {
    mvc.perform(get("/maintainer"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<svg")))
        .andExpect(content().string(containsString("role=\"img\"")))
        .andExpect(content().string(containsString("Reports per day, last 30 days")))
        .andExpect(content().string(containsString("<td>2026-11-26</td><td>104</td>")))
        .andExpect(content().string(containsString("<td>0.1.0</td><td>75%</td>")))
        .andExpect(content().string(containsString("id=\"shim-numbers\"")))
        .andExpect(content().string(containsString("<th scope=\"row\">unknown</th>")))
        .andExpect(content().string(containsString("/maintainer/traps/7?project=default")))
        .andExpect(content().string(containsString("/maintainer/traps/9?project=default")))
        .andExpect(content().string(containsString("regressed (was fixed in 0.2.0)")))
        .andExpect(content().string(containsString("success-rate-fell")))
        .andExpect(content().string(containsString("csd:FIX4")))
        .andExpect(content().string(not(containsString("csd:FIX5"))))
        .andExpect(content().string(containsString("invalid-report")))
        .andExpect(content().string(containsString("2026-11-26 01:40 UTC")))
        .andExpect(content().string(containsString("id=\"project-picker\"")))
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
        .andExpect(content().string(not(containsString(SCRIPT))))
        .andExpect(content().string(not(containsString("style=\""))));
  }

  @Test
  void anUnknownProjectIsA404PageAndAMalformedOneA400() throws Exception {
    mvc.perform(get("/maintainer").param("project", "nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("There is no such project.")));
    mvc.perform(get("/maintainer").param("project", "x".repeat(100)))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("Cannot show this page")));
    verify(overviews, never()).overview("nope");
  }

  @Test
  void theOtherProjectIsShownWhenAsked() throws Exception {
    given(traps.groups("other", TrapStatus.NEW)).willReturn(Optional.of(List.of()));
    given(traps.groups("other", TrapStatus.REGRESSED)).willReturn(Optional.of(List.of()));
    given(insight.regressions("other")).willReturn(Optional.of(List.of()));
    given(insight.fixCorrelation(anyString(), anyInt())).willReturn(Optional.of(List.of()));

    mvc.perform(get("/maintainer").param("project", "other"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("No new or regressed trap groups.")))
        .andExpect(content().string(containsString("No fix has at least 20 judged reports")))
        .andExpect(content().string(containsString("<option value=\"other\" selected")));
    verify(overviews).overview("other");
  }

  @Test
  void withoutAnyProjectThePageSaysSo() throws Exception {
    given(projects.maintainerSlugs()).willReturn(List.of());

    mvc.perform(get("/maintainer"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("There is no project yet.")));
  }
}
