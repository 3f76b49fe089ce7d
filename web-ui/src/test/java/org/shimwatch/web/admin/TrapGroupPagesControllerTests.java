package org.shimwatch.web.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.system.ProjectsQuery;
import org.shimwatch.web.traps.TrapExample;
import org.shimwatch.web.traps.TrapGroupDetail;
import org.shimwatch.web.traps.TrapGroupQuery;
import org.shimwatch.web.traps.TrapGroupView;
import org.shimwatch.web.traps.TrapStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = TrapGroupPagesController.class)
class TrapGroupPagesControllerTests {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String ATTR = "\" onmouseover=alert(2) x=\"";
  static final UUID REPORT = UUID.fromString("6f1c2a9e-0000-4000-8000-000000000001");

  @Autowired MockMvc mvc;
  @MockitoBean ProjectsQuery projects;
  @MockitoBean TrapGroupQuery groups;
  @MockitoBean TrapGroupCommands commands;

  @BeforeEach
  void projects() {
    given(projects.maintainerSlugs()).willReturn(List.of("default", "other"));
  }

  static TrapGroupView group(long id, String module, TrapStatus status, String fixedIn) {
    String label =
        status == TrapStatus.FIXED
            ? "fixed in " + fixedIn
            : status == TrapStatus.REGRESSED
                ? "regressed (was fixed in " + fixedIn + ")"
                : status.wireName();
    return new TrapGroupView(
        id,
        "c0000005|" + module + "|1:a1f4",
        "c0000005",
        module,
        "1:a1f4",
        status,
        fixedIn,
        label,
        4,
        3,
        2,
        Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("2026-03-05T12:30:00Z"),
        List.of(new TrapGroupView.Counted("OS/2 4.52", 3)),
        List.of(new TrapGroupView.Counted("IBM TCP/IP 4.3", 3)),
        List.of(new TrapGroupView.Counted("0.1.0", 2), new TrapGroupView.Counted("0.2.0", 1)));
  }

  static TrapGroupDetail detail(TrapGroupView g) {
    return new TrapGroupDetail(
        g,
        List.of(
            new TrapExample(
                REPORT,
                Instant.parse("2026-03-05T12:30:00Z"),
                "os2-popuplog",
                "OS/2 4.52",
                "IBM TCP/IP 4.3",
                "BitTorrent " + ATTR,
                "0.2.0")));
  }

  @Test
  void theListShowsEachGroupWithItsCountsStatusAndShimVersionsEscaped() throws Exception {
    given(groups.groups("default", null))
        .willReturn(Optional.of(List.of(group(7, SCRIPT + ATTR, TrapStatus.NEW, null))));

    mvc.perform(get("/maintainer/traps"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("/maintainer/traps/7?project=default")))
        .andExpect(content().string(containsString("0.1.0 (2), ")))
        .andExpect(content().string(containsString("2026-03-01 10:00")))
        .andExpect(content().string(containsString("&lt;script&gt;")))
        .andExpect(content().string(not(containsString(SCRIPT))))
        .andExpect(content().string(not(containsString("\" onmouseover"))))
        .andExpect(content().string(containsString("id=\"project-picker\"")));
  }

  @Test
  void theListFiltersByStatusAndRefusesAnUnknownOne() throws Exception {
    given(groups.groups("other", TrapStatus.REGRESSED))
        .willReturn(Optional.of(List.of(group(9, "TCPIP32", TrapStatus.REGRESSED, "0.2.0"))));

    mvc.perform(get("/maintainer/traps").param("project", "other").param("status", "regressed"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("regressed (was fixed in 0.2.0)")))
        .andExpect(
            content().string(containsString("aria-current=\"page\" class=\"current\">regressed")));
    mvc.perform(get("/maintainer/traps").param("status", "bogus"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("Filter by new, acknowledged")));
    verify(groups, times(1)).groups(any(), any());
  }

  @Test
  void anUnknownProjectOrGroupIsNotFound() throws Exception {
    given(groups.group("default", 5)).willReturn(Optional.empty());

    mvc.perform(get("/maintainer/traps").param("project", "nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("no project named")));
    mvc.perform(get("/maintainer/traps/5")).andExpect(status().isNotFound());
    mvc.perform(get("/maintainer/traps/abc")).andExpect(status().isBadRequest());
  }

  @Test
  void theDetailShowsTheRegressionAndLinksEachExampleReport() throws Exception {
    given(groups.group("default", 9))
        .willReturn(Optional.of(detail(group(9, "TCPIP32", TrapStatus.REGRESSED, "0.2.0"))));

    mvc.perform(get("/maintainer/traps/9"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Regressed: this fault came back")))
        .andExpect(
            content().string(containsString("/maintainer/reports/" + REPORT + "?project=default")))
        .andExpect(content().string(containsString("os2-popuplog")))
        .andExpect(content().string(containsString("name=\"fixedIn\"")))
        .andExpect(content().string(containsString("value=\"0.2.0\"")))
        .andExpect(content().string(not(containsString("\" onmouseover"))));
  }

  @Test
  void markingFixedChangesTheStatusAndRedirectsWithANotice() throws Exception {
    TrapGroupView fixed = group(7, "TCPIP32", TrapStatus.FIXED, "0.2.0");
    given(commands.setStatus("default", 7, TrapStatus.FIXED, "0.2.0"))
        .willReturn(Optional.of(detail(fixed)));

    mvc.perform(
            post("/maintainer/traps/7/status")
                .param("project", "default")
                .param("status", "fixed")
                .param("fixedIn", " 0.2.0 "))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/maintainer/traps/7?project=default"))
        .andExpect(flash().attribute("notice", "Status set to fixed in 0.2.0."));
  }

  @Test
  void aVersionTheServiceRefusesReShowsTheFormWithTheMessageAnd400() throws Exception {
    given(groups.group("default", 7))
        .willReturn(Optional.of(detail(group(7, "TCPIP32", TrapStatus.NEW, null))));
    given(commands.setStatus("default", 7, TrapStatus.FIXED, "a b" + SCRIPT))
        .willThrow(new ChangeRefused("invalid-fixed-in", "A shim version is letters and digits."));

    mvc.perform(
            post("/maintainer/traps/7/status")
                .param("status", "fixed")
                .param("fixedIn", "a b" + SCRIPT))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("A shim version is letters and digits.")))
        .andExpect(content().string(containsString("value=\"a b&lt;script&gt;")))
        .andExpect(content().string(not(containsString(SCRIPT))));
  }

  @Test
  void regressedAnUnknownStatusOrFixedWithoutAVersionAreRefusedBeforeAnyChange() throws Exception {
    given(groups.group("default", 7))
        .willReturn(Optional.of(detail(group(7, "TCPIP32", TrapStatus.NEW, null))));

    mvc.perform(post("/maintainer/traps/7/status").param("status", "regressed"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("Choose new, acknowledged")));
    mvc.perform(post("/maintainer/traps/7/status").param("status", "gone"))
        .andExpect(status().isBadRequest());
    mvc.perform(post("/maintainer/traps/7/status").param("status", "fixed").param("fixedIn", " "))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("Say which shim version fixes it.")));
    verify(commands, never()).setStatus(anyString(), anyLong(), any(), any());
  }

  @Test
  void settingTheStatusOfAGroupThatIsNotThereIsNotFound() throws Exception {
    given(commands.setStatus("default", 8, TrapStatus.ACKNOWLEDGED, null))
        .willReturn(Optional.empty());

    mvc.perform(post("/maintainer/traps/8/status").param("status", "acknowledged"))
        .andExpect(status().isNotFound());
    mvc.perform(post("/maintainer/traps/8/status").param("project", "nope").param("status", "new"))
        .andExpect(status().isNotFound());
  }
}
