package org.shimwatch.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportExamples;
import org.shimwatch.report.ReportJson;
import org.shimwatch.report.ReportValidator;
import tools.jackson.databind.node.ObjectNode;

class ReportScrubbingTests {

  @Test
  void scrubbedReportsStayValidAndLoseWhatIdentifiesSomeone() throws Exception {
    ObjectNode n =
        (ObjectNode)
            ReportJson.mapper().readTree(ReportExamples.text("os2-bittorrent-trap-tcpip32"));
    n.put("comment", "alice saw it on warpbox at 10.1.2.3 in /home/alice/bt");
    ((ObjectNode) n.at("/traps/0/process")).put("name", "alice.exe");
    Report r = ReportValidator.instance().parse(n.toString());
    Scrubber s = Scrubber.withNames(List.of("alice"), List.of("warpbox"));

    Report clean = ReportScrubbing.scrub(r, s);

    assertThat(ReportValidator.instance().check(clean)).isEqualTo(clean);
    assertThat(clean.comment()).isEqualTo("<user> saw it on <host> at <ip> in ~/bt");
    assertThat(clean.traps().get(0).process().name()).isEqualTo("user.exe");
    assertThat(ReportJson.write(clean)).doesNotContain("alice").doesNotContain("10.1.2.3");
  }

  @Test
  void commentsLengthenedByScrubbingAreCutToTheContractLimit() throws Exception {
    ObjectNode n =
        (ObjectNode) ReportJson.mapper().readTree(ReportExamples.text("linux-aria2c-works"));
    n.put("comment", "a@b.cd ".repeat(571));
    Report r = ReportValidator.instance().parse(n.toString());

    Report clean = ReportScrubbing.scrub(r, Scrubber.generic());

    assertThat(clean.comment()).hasSizeLessThanOrEqualTo(4000).startsWith("<email> <email>");
    assertThat(ReportValidator.instance().check(clean)).isEqualTo(clean);
  }
}
