package org.shimwatch.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every reader over every artefact of the real corpus ({@code os2corpus/}, sources in its README),
 * against the fields a person reads there, written by hand in the {@code .expected} file beside
 * each artefact.
 *
 * <p>Prints {@code CORPUS: N artefacts, parts recognized X/Y, fields read A/B} and one line per
 * miss. Fails on any wrong value (a field read differently from what the artefact shows), on a part
 * reported unreadable at other lines than expected, and when the score falls below the one recorded
 * in {@code os2corpus/score.properties}. A field the readers do not read yet is a miss, not a
 * failure: the score says how far the readers are from reading everything.
 */
class Os2CorpusTests {

  record Score(int artefacts, int counted, int parts, int recognized, int fields, int read) {}

  @Test
  void theReadersReadTheRealCorpusAndNeverMisreadAField() {
    List<Os2Corpus.Artefact> corpus = Os2Corpus.all();
    List<String> misses = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    Score score = score(corpus, misses, wrong);

    System.out.printf(
        "CORPUS: %d artefacts (%d real with a known source), parts recognized %d/%d, fields read"
            + " %d/%d%n",
        score.artefacts(),
        score.counted(),
        score.recognized(),
        score.parts(),
        score.read(),
        score.fields());
    misses.forEach(m -> System.out.println("  miss: " + m));
    wrong.forEach(w -> System.out.println("  WRONG: " + w));

    assertThat(wrong).as("fields read with a value the artefact does not show").isEmpty();
    Properties recorded = Os2Corpus.recordedScore();
    assertThat(score.recognized())
        .as("parts recognized (recorded score)")
        .isGreaterThanOrEqualTo(Integer.parseInt(recorded.getProperty("partsRecognized")));
    assertThat(score.read())
        .as("fields read (recorded score)")
        .isGreaterThanOrEqualTo(Integer.parseInt(recorded.getProperty("fieldsRead")));
    assertThat(score.counted())
        .as("real artefacts with a known source")
        .isGreaterThanOrEqualTo(Integer.parseInt(recorded.getProperty("realArtefacts")));
  }

  @Test
  void aPartNobodyCanReadIsReportedWithItsLinesAndNothingIsMadeUpForIt() {
    for (Os2Corpus.Artefact a : Os2Corpus.all()) {
      Inspection inspection = ArtefactInspector.inspect(a.name(), a.bytes());
      for (InspectedPart p : inspection.parts()) {
        if (!p.isRead()) {
          assertThat(p.problem()).as(a.name()).isNotNull();
          assertThat(p.summary()).as(a.name()).allMatch(s -> s.startsWith("not read: "));
          if (p.problem().offset() == null) {
            assertThat(p.firstLine()).as(a.name() + " lines of an unread part").isNotNull();
          }
        }
      }
    }
  }

  /** Scores the corpus, collecting misses and wrong values as lines for people. */
  static Score score(List<Os2Corpus.Artefact> corpus, List<String> misses, List<String> wrong) {
    int parts = 0;
    int recognized = 0;
    int fields = 0;
    int read = 0;
    int counted = 0;
    for (Os2Corpus.Artefact a : corpus) {
      if (a.counted()) {
        counted++;
      }
      Inspection inspection = ArtefactInspector.inspect(a.name(), a.bytes());
      List<InspectedPart> actual = inspection.parts();
      if (actual.size() != a.parts()) {
        misses.add(a.name() + ": " + actual.size() + " part(s) found, " + a.parts() + " expected");
      }
      for (int k = 1; k <= a.parts(); k++) {
        parts++;
        Map<String, String> expected = a.fields(k);
        fields += expected.size();
        InspectedPart p = k <= actual.size() ? actual.get(k - 1) : null;
        String where = a.name() + " part " + k;
        if (p == null) {
          misses.add(where + ": not found");
          continue;
        }
        String kind = jsonName(p.kind());
        boolean kindRight = kind.equals(a.kind(k)) && p.isRead() == a.read(k);
        String lines = p.firstLine() == null ? null : p.firstLine() + "-" + p.lastLine();
        if (a.lines(k) != null && !a.lines(k).equals(lines)) {
          wrong.add(where + ": lines " + lines + ", the artefact's part is at " + a.lines(k));
          kindRight = false;
        }
        if (kindRight) {
          recognized++;
        } else {
          misses.add(
              where
                  + ": read as "
                  + kind
                  + (p.isRead() ? "" : " (not read: " + p.problem().message() + ")")
                  + ", expected "
                  + a.kind(k));
        }
        Map<String, String> got = Os2Corpus.fields(p);
        for (Map.Entry<String, String> e : expected.entrySet()) {
          String value = got.get(e.getKey());
          if (value == null) {
            misses.add(where + ": " + e.getKey() + " not read (shows " + e.getValue() + ")");
          } else if (value.equals(e.getValue())) {
            read++;
          } else {
            wrong.add(where + ": " + e.getKey() + " read as " + value + ", shows " + e.getValue());
          }
        }
      }
    }
    return new Score(corpus.size(), counted, parts, recognized, fields, read);
  }

  private static String jsonName(ArtefactKind kind) {
    try {
      return ArtefactKind.class
          .getField(kind.name())
          .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class)
          .value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
