package org.shimwatch.web.latency;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.chart.LatencyBin;
import org.shimwatch.web.system.ProjectsQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = LatencyPageController.class)
class LatencyPageControllerTests {

  static final String SCRIPT = "<script>alert(1)</script>";

  @Autowired MockMvc mvc;
  @MockitoBean ProjectsQuery projects;
  @MockitoBean LatencyQuery latency;
  @MockitoBean LatencyDistributionQuery distributions;

  static final Quantiles Q = new Quantiles(100, 360, 720, 755_000_000, 2_400_000_000L);

  @BeforeEach
  void data() {
    given(projects.maintainerSlugs()).willReturn(List.of("default"));
    given(latency.latency("default", null, null, null))
        .willReturn(
            Optional.of(
                List.of(
                    new LatencyView("linux 6.1", "0.1.0", "select", 1_204, 8_723_056, Q, Q),
                    new LatencyView(SCRIPT, "0.2.0", "poll", 1, 10, Q, Q))));
  }

  @Test
  void withoutSidesThePageOffersTheValuesPresentAndTheTable() throws Exception {
    mvc.perform(get("/maintainer/latency"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<option value=\"0.1.0\">shim 0.1.0</option>")))
        .andExpect(content().string(containsString("<option value=\"select\">select</option>")))
        .andExpect(content().string(containsString("<td class=\"num\">755 ms</td>")))
        .andExpect(content().string(containsString("<td class=\"num\">1,204</td>")))
        .andExpect(content().string(containsString("<td class=\"num\">8,723,056</td>")))
        .andExpect(content().string(containsString("&lt;script&gt;")))
        .andExpect(content().string(not(containsString(SCRIPT))))
        .andExpect(content().string(not(containsString("id=\"comparison\""))));
    verify(latency, never()).compare(any(), any(), any(), any(), any(), any());
  }

  @Test
  void twoShimVersionsAreComparedWithChartsAndFigures() throws Exception {
    Quantiles slower = new Quantiles(50, 720, 1440, 1_510_000_000, 4_800_000_000L);
    given(latency.compare("default", "select", "shim", "0.1.0", "0.2.0", "linux 6.1"))
        .willReturn(
            Optional.of(
                new LatencyComparison(
                    "select",
                    "shim",
                    "linux 6.1",
                    new LatencyComparison.Side("0.1.0", 3, 12_500, Q, Q),
                    new LatencyComparison.Side("0.2.0", 2, 50, slower, slower),
                    new LatencyComparison.Ratios(2.0, 2.0, 2.0, 2.0),
                    new LatencyComparison.Ratios(null, 2.0, 2.0, 2.0))));
    given(distributions.distributions("default", "select", "shim", "0.1.0", "0.2.0", "linux 6.1"))
        .willReturn(
            Optional.of(
                new LatencyDistributions(
                    List.of(new LatencyBin(352, 376, 100)),
                    List.of(new LatencyBin(704, 752, 50)),
                    List.of(),
                    List.of())));

    mvc.perform(
            get("/maintainer/latency")
                .param("kind", "select")
                .param("by", "shim")
                .param("a", "0.1.0")
                .param("b", "0.2.0")
                .param("within", "linux 6.1"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"comparison\"")))
        .andExpect(content().string(containsString("Latency of select(): 0.1.0 and 0.2.0")))
        .andExpect(content().string(containsString("<svg")))
        .andExpect(content().string(containsString("class=\"bar s1\"")))
        .andExpect(content().string(containsString("2.00×")))
        .andExpect(content().string(containsString("<td class=\"num\">12,500</td>")))
        .andExpect(content().string(containsString("No data for this chart yet.")))
        .andExpect(content().string(not(containsString("style=\""))));
  }

  @Test
  void aMalformedComparisonIsA400Page() throws Exception {
    given(latency.compare(anyString(), anyString(), anyString(), any(), any(), any()))
        .willThrow(new BadQueryException("invalid-kind", "kind", "kind is one of select, poll"));

    mvc.perform(get("/maintainer/latency").param("kind", "nope").param("a", "1").param("b", "2"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("kind is one of select, poll")));
    mvc.perform(get("/maintainer/latency").param("project", "nope"))
        .andExpect(status().isNotFound());
  }
}
