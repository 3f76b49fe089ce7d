package org.shimwatch.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scrubber against its labelled corpus ({@code privacy/scrubber-corpus.tsv}, more than 300
 * strings): every personal value removed (recall 100 %) and nothing else changed (precision at
 * least 99 %), on the probe with what it knows of the local account and on the server without it.
 * Recall is counted per personal value, precision per word that must stay (see {@link
 * ScrubberCorpus}). The figures are printed.
 */
class ScrubberCorpusTests {

  private static List<ScrubberCorpus.Entry> corpus;

  private final Scrubber probe =
      Scrubber.withNames(ScrubberCorpus.USERS, ScrubberCorpus.HOSTS, ScrubberCorpus.REAL_NAMES);
  private final Scrubber server = Scrubber.generic();

  @BeforeAll
  static void load() throws Exception {
    corpus = ScrubberCorpus.load();
  }

  @Test
  void theCorpusIsLargeAndEveryCategoryHasPersonalValuesOrLookalikes() {
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
    assertThat(corpus.stream().map(ScrubberCorpus.Entry::category).distinct())
        .contains(
            "time",
            "duration",
            "ratio",
            "version",
            "selector",
            "register",
            "trap",
            "ipv4",
            "ipv6",
            "mac",
            "email",
            "url",
            "posix-path",
            "dos-path",
            "os2-path",
            "host",
            "prompt",
            "setting",
            "user",
            "name",
            "mixed",
            "plain");
    // A personal value may not stand in what must be sent: recall could not see it go.
    for (ScrubberCorpus.Entry e : corpus) {
      for (ScrubberCorpus.Value v : e.values()) {
        assertThat(ScrubberCorpus.standsAlone(e.forProbe(), v.text()))
            .as("line %d: %s is also in the text that stays", e.line(), v.text())
            .isFalse();
      }
    }
  }

  @Test
  void theProbeRemovesEveryPersonalValueAndChangesAlmostNothingElse() {
    Map<String, ScrubberCorpus.Tally> t = ScrubberCorpus.measure(corpus, probe::scrub, true);
    print("SCRUBBER", t);
    ScrubberCorpus.Tally all = t.get("all");
    assertThat(all.recall()).as(String.join("\n", all.failures)).isEqualTo(100.0);
    assertThat(all.precision()).as(String.join("\n", all.failures)).isGreaterThanOrEqualTo(99.0);
  }

  @Test
  void theServerRemovesWhatItCanKnowAndChangesAlmostNothingElse() {
    Map<String, ScrubberCorpus.Tally> t = ScrubberCorpus.measure(corpus, server::scrub, false);
    print("SCRUBBER (server, no local names)", t);
    ScrubberCorpus.Tally all = t.get("all");
    assertThat(all.recall()).as(String.join("\n", all.failures)).isEqualTo(100.0);
    assertThat(all.precision()).as(String.join("\n", all.failures)).isGreaterThanOrEqualTo(99.0);
  }

  @Test
  void whatTheProbeSendsComesThroughTheServersPassUnchanged() {
    for (ScrubberCorpus.Entry e : corpus) {
      String sent = probe.scrub(e.input());
      assertThat(server.scrub(sent)).as("line %d", e.line()).isEqualTo(sent);
      assertThat(probe.scrub(sent)).as("line %d", e.line()).isEqualTo(sent);
    }
  }

  private static void print(String what, Map<String, ScrubberCorpus.Tally> tallies) {
    StringBuilder out = new StringBuilder();
    tallies.forEach(
        (category, t) ->
            out.append(category.equals("all") ? t.line(what) : t.line("  " + category))
                .append('\n'));
    ScrubberCorpus.Tally all = tallies.get("all");
    for (String f : all.failures) {
      out.append("  not as labelled, ").append(f).append('\n');
    }
    System.out.print(out);
  }
}
