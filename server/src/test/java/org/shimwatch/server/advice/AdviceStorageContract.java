package org.shimwatch.server.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import org.shimwatch.server.project.Project;
import org.shimwatch.server.project.ProjectService;
import org.shimwatch.server.report.KnownIssue;
import org.shimwatch.server.report.ReportStore;
import org.shimwatch.web.ChangeRefused;
import org.shimwatch.web.advice.AdviceDraft;
import org.shimwatch.web.advice.AdviceView;
import org.shimwatch.web.advice.AppliesTo;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Advice stored and found, the same on H2 and PostgreSQL: each database's test class extends this
 * and only says how to reach it.
 */
abstract class AdviceStorageContract {

  static final String SECRET = "advice-contract-secret-00001";

  @Autowired AdviceService commands;
  @Autowired AdviceFinder finder;
  @Autowired ReportStore store;
  @Autowired ProjectService projects;
  @Autowired MatrixQuery matrix;
  @Autowired JdbcTemplate jdbc;

  long project() {
    return projects.find("default").map(Project::getId).orElseThrow();
  }

  /** The OS/2 trap example with its fault in a module of its own, at this shim version. */
  static Report trapIn(String module, String shim) throws Exception {
    ObjectNode r =
        (ObjectNode)
            ReportJson.mapper().readTree(ReportExamples.text("os2-bittorrent-trap-tcpip32"));
    r.put("reportId", UUID.randomUUID().toString());
    r.put("installationId", UUID.randomUUID().toString());
    ((ObjectNode) r.at("/environment/shim")).put("version", shim);
    ObjectNode trap = (ObjectNode) r.at("/traps/0");
    trap.put("module", module + ".DLL");
    ((ObjectNode) ((ArrayNode) trap.get("frames")).get(0)).put("module", module + ".DLL");
    return ReportValidator.instance().parse(r.toString());
  }

  static Report works() throws Exception {
    ObjectNode r =
        (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text("linux-aria2c-works"));
    r.put("reportId", UUID.randomUUID().toString());
    r.put("installationId", UUID.randomUUID().toString());
    return ReportValidator.instance().parse(r.toString());
  }

  /** Stores a trap report and answers its group's id. */
  long group(String module) throws Exception {
    Report r = trapIn(module, "0.1.0");
    store.store(project(), r, ReportJson.write(r), SECRET, false);
    return jdbc.queryForObject(
        "SELECT id FROM trap_group WHERE project_id = ? AND module_name = ?",
        Long.class,
        project(),
        module);
  }

  static String module() {
    return "M" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
  }

  static AdviceDraft draft(String title, AppliesTo to, String fixedIn) {
    return new AdviceDraft(title, "Install **UN02200**, then restart.\n\nMore.", to, fixedIn);
  }

  @Test
  void anEntryIsStoredWithEveryPartAndReadBackAsWritten() throws Exception {
    long g = group(module());
    AppliesTo all =
        new AppliesTo("os2-tcpip", "4.21", "4.32", "UN02200", false, "preload", g, "0.1", "0.2");
    long id = commands.create("default", draft("Everything", all, "0.3.0"), "alice").orElseThrow();

    AdviceView read = finder.one("default", id).orElseThrow();
    assertThat(read.title()).isEqualTo("Everything");
    assertThat(read.body()).isEqualTo("Install **UN02200**, then restart.\n\nMore.");
    assertThat(read.appliesTo()).isEqualTo(all);
    assertThat(read.fixedIn()).isEqualTo("0.3.0");
    assertThat(read.createdBy()).isEqualTo("alice");
    assertThat(read.updatedBy()).isEqualTo("alice");
    assertThat(read.trapGroupLabel()).startsWith("#" + g + " (");
    assertThat(finder.all("default").orElseThrow()).extracting(AdviceView::id).contains(id);

    AppliesTo fewer = new AppliesTo(null, null, null, "UN02200", true, null, null, null, null);
    assertThat(commands.update("default", id, draft("Fewer", fewer, null), "bob")).isTrue();
    AdviceView changed = finder.one("default", id).orElseThrow();
    assertThat(changed.appliesTo()).isEqualTo(fewer);
    assertThat(changed.fixedIn()).isNull();
    assertThat(changed.title()).isEqualTo("Fewer");
    assertThat(changed.createdBy()).isEqualTo("alice");
    assertThat(changed.updatedBy()).isEqualTo("bob");
    assertThat(changed.createdAt()).isEqualTo(read.createdAt());

    assertThat(commands.delete("default", id)).isTrue();
    assertThat(commands.delete("default", id)).isFalse();
    assertThat(finder.one("default", id)).isEmpty();
    assertThat(commands.update("default", id, draft("Gone", fewer, null), "bob")).isFalse();
  }

  @Test
  void aTrapGroupOfNoneOfTheProjectsGroupsOrAnUpsideDownRangeIsRefusedAndNothingStored() {
    int before = jdbc.queryForObject("SELECT COUNT(*) FROM advice", Integer.class);
    AppliesTo noGroup = new AppliesTo(null, null, null, null, null, null, 987654321L, null, null);
    assertThatThrownBy(() -> commands.create("default", draft("x", noGroup, null), "alice"))
        .isInstanceOf(ChangeRefused.class)
        .hasMessageContaining("no trap group 987654321");
    AppliesTo down = new AppliesTo("os2-tcpip", "4.3", "4.21", null, null, null, null, null, null);
    assertThatThrownBy(() -> commands.create("default", draft("x", down, null), "alice"))
        .isInstanceOf(ChangeRefused.class)
        .hasMessageContaining("from 4.3 down to 4.21");
    AppliesTo shimDown = new AppliesTo(null, null, null, null, null, null, null, "0.10", "0.9");
    assertThatThrownBy(() -> commands.create("default", draft("x", shimDown, null), "alice"))
        .isInstanceOf(ChangeRefused.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM advice", Integer.class)).isEqualTo(before);
    assertThat(commands.create("nope", draft("x", down, null), "alice")).isEmpty();
  }

  @Test
  void aReportWithATrapInAGroupWithAdviceGetsItsKnownIssueUnlessItsShimHasTheFix()
      throws Exception {
    String module = module();
    long g = group(module);
    AppliesTo group = new AppliesTo(null, null, null, null, null, null, g, null, null);
    long id =
        commands
            .create("default", draft("Traps in " + module, group, "0.2.0"), "alice")
            .orElseThrow();

    List<KnownIssue> issues = finder.knownIssues(project(), "default", trapIn(module, "0.1.0"));
    assertThat(issues)
        .containsExactly(
            new KnownIssue(
                "Traps in " + module,
                "Install UN02200, then restart.",
                "0.2.0",
                "/known-issues/default#advice-" + id));
    assertThat(finder.knownIssues(project(), "default", trapIn(module, "0.2.0")))
        .as("fixed in the report's shim version")
        .isEmpty();
    assertThat(finder.knownIssues(project(), "default", trapIn(module(), "0.1.0")))
        .as("a trap in another group")
        .isEmpty();
    assertThat(finder.knownIssues(project(), "default", works())).isEmpty();
    assertThat(finder.forTrapGroup("default", g)).extracting(AdviceView::id).containsExactly(id);
  }

  @Test
  void cellsOnTheStackAGroupTrappedOnAreMarkedAndTheSetUpFindsItsAdvice() throws Exception {
    String module = module();
    long g = group(module);
    AppliesTo group = new AppliesTo(null, null, null, null, null, null, g, null, null);
    long id =
        commands.create("default", draft("Cell " + module, group, null), "alice").orElseThrow();
    Report linux = works();
    store.store(project(), linux, ReportJson.write(linux), SECRET, false);

    MatrixView view = matrix.matrix("default", MatrixRequest.publicDefault()).orElseThrow();
    Set<String> marked = finder.cellsWithAdvice(view, null);
    assertThat(marked).isNotEmpty();
    for (String key : marked) {
      String rowKey = key.substring(0, key.indexOf('|'));
      String stack =
          view.rows().stream()
              .filter(r -> r.key().equals(rowKey))
              .findFirst()
              .orElseThrow()
              .stack();
      assertThat(stack).as("only rows of the stack the group trapped on").startsWith("os2-tcpip");
    }

    AdviceEnvironment os2 =
        new AdviceEnvironment("os2-tcpip", "4.3", List.of(), null, "0.1.0", Set.of(g));
    assertThat(finder.forEnvironment("default", os2).orElseThrow())
        .extracting(AdviceView::id)
        .contains(id);
    AdviceEnvironment otherGroup =
        new AdviceEnvironment("os2-tcpip", "4.3", List.of(), null, "0.1.0", Set.of());
    assertThat(finder.forEnvironment("default", otherGroup).orElseThrow())
        .extracting(AdviceView::id)
        .doesNotContain(id);
    assertThat(finder.forEnvironment("nope", os2)).isEmpty();
  }
}
