package org.shimwatch.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelled corpus in {@code privacy/scrubber-corpus.tsv}, and how a scrubber is measured
 * against it.
 *
 * <p><b>Recall</b> is counted per personal value (each {@code [[label:value]]}): a value is removed
 * when its text no longer stands in the output as a word of its own (case ignored).
 * <b>Precision</b> is counted per word that must stay: every whitespace-separated word of the input
 * that holds no personal value; a word is changed wrongly when the output lacks it (compared as
 * multisets, so a word that moved still counts as kept, a word that changed or vanished does not).
 * Words that hold a personal value are judged by recall and by the exact-string count, not here.
 */
final class ScrubberCorpus {

  /** What the probe knows in the corpus: the local account and machine. */
  static final List<String> USERS = List.of("jdoe");

  static final List<String> HOSTS = List.of("vm.example.net");
  static final List<String> REAL_NAMES = List.of("John Doe");

  private static final Map<String, String> PLACEHOLDERS =
      Map.of(
          "ip", Scrubber.IP,
          "mac", Scrubber.MAC,
          "email", Scrubber.EMAIL,
          "cred", Scrubber.CREDENTIALS,
          "home", Scrubber.HOME,
          "host", Scrubber.HOST,
          "user", Scrubber.USER,
          "name", Scrubber.NAME,
          "prompt", Scrubber.USER + "@" + Scrubber.HOST);

  private static final Pattern MARK = Pattern.compile("\\[\\[(\\w+)(\\*?):(.*?)]]");

  /** One personal value; {@code probeOnly} when only the probe can know it. */
  record Value(String label, String text, boolean probeOnly) {}

  /**
   * One line of the corpus.
   *
   * @param forProbe what the probe must send
   * @param forServer what the server must store for the same input (it keeps what only the probe
   *     can know)
   */
  record Entry(
      int line,
      String category,
      String input,
      String forProbe,
      String forServer,
      List<Value> values,
      List<String> probeKeptWords,
      List<String> serverKeptWords) {}

  private ScrubberCorpus() {}

  static List<Entry> load() throws IOException {
    String text;
    try (InputStream in =
        ScrubberCorpus.class.getResourceAsStream("/privacy/scrubber-corpus.tsv")) {
      if (in == null) {
        throw new IOException("privacy/scrubber-corpus.tsv is not on the class path");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      int tab = l.indexOf('\t');
      if (tab <= 0) {
        throw new IllegalStateException("line " + (i + 1) + ": no category");
      }
      entries.add(entry(i + 1, l.substring(0, tab), l.substring(tab + 1)));
    }
    return entries;
  }

  private static Entry entry(int line, String category, String marked) {
    StringBuilder input = new StringBuilder();
    StringBuilder probe = new StringBuilder();
    StringBuilder server = new StringBuilder();
    List<Value> values = new ArrayList<>();
    Matcher m = MARK.matcher(marked);
    int last = 0;
    while (m.find()) {
      String placeholder = PLACEHOLDERS.get(m.group(1));
      if (placeholder == null) {
        throw new IllegalStateException("line " + line + ": unknown label " + m.group(1));
      }
      String plain = marked.substring(last, m.start());
      boolean probeOnly = !m.group(2).isEmpty();
      input.append(plain).append(m.group(3));
      probe.append(plain).append(placeholder);
      server.append(plain).append(probeOnly ? m.group(3) : placeholder);
      values.add(new Value(m.group(1), m.group(3), probeOnly));
      last = m.end();
    }
    String rest = marked.substring(last);
    input.append(rest);
    probe.append(rest);
    server.append(rest);
    List<String> probeKept = new ArrayList<>();
    List<String> serverKept = new ArrayList<>();
    // Words of the marked line: a word holding a mark is personal (for the server only when a
    // mark in it is one the server can know).
    for (String word : markedWords(marked)) {
      Matcher w = MARK.matcher(word);
      boolean any = false;
      boolean generic = false;
      while (w.find()) {
        any = true;
        generic |= w.group(2).isEmpty();
      }
      String plain = MARK.matcher(word).replaceAll(x -> Matcher.quoteReplacement(x.group(3)));
      if (!any) {
        probeKept.add(plain);
      }
      if (!generic) {
        // A value only the probe knows may hold spaces ("John Doe"): the server keeps its words.
        serverKept.addAll(List.of(plain.split("\\s+")));
      }
    }
    return new Entry(
        line,
        category,
        input.toString(),
        probe.toString(),
        server.toString(),
        values,
        probeKept,
        serverKept);
  }

  /** Splits at whitespace outside marks (a mark's value may hold spaces: "John Doe"). */
  private static List<String> markedWords(String marked) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < marked.length(); i++) {
      if (marked.startsWith("[[", i)
          && MARK.matcher(marked).region(i, marked.length()).lookingAt()) {
        depth++;
      } else if (depth > 0 && marked.startsWith("]]", i)) {
        depth--;
        w.append("]]");
        i++;
        continue;
      }
      char c = marked.charAt(i);
      if (depth == 0 && Character.isWhitespace(c)) {
        if (!w.isEmpty()) {
          words.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    if (!w.isEmpty()) {
      words.add(w.toString());
    }
    return words;
  }

  /** Counts for one category, or for all. */
  static final class Tally {
    int strings;
    int exact;
    int personal;
    int removed;
    int kept;
    int wrong;
    final List<String> failures = new ArrayList<>();

    double recall() {
      return personal == 0 ? 100.0 : 100.0 * removed / personal;
    }

    double precision() {
      return kept == 0 ? 100.0 : 100.0 * (kept - wrong) / kept;
    }

    String line(String what) {
      return String.format(
          Locale.ROOT,
          "%s: %d strings, personal values %d, removed %d (recall %.1f %%), untouched-needed %d,"
              + " changed wrongly %d (precision %.2f %%), exactly as labelled %d",
          what,
          strings,
          personal,
          removed,
          recall(),
          kept,
          wrong,
          precision(),
          exact);
    }
  }

  /** The whole corpus's tally first (key "all"), then one per category in corpus order. */
  static Map<String, Tally> measure(
      List<Entry> corpus, UnaryOperator<String> scrub, boolean probe) {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    Tally all = new Tally();
    tallies.put("all", all);
    for (Entry e : corpus) {
      String out = scrub.apply(e.input());
      String expected = probe ? e.forProbe() : e.forServer();
      Tally t = tallies.computeIfAbsent(e.category(), k -> new Tally());
      for (Tally x : List.of(all, t)) {
        x.strings++;
      }
      boolean exact = out.equals(expected);
      for (Value v : e.values()) {
        if (v.probeOnly() && !probe) {
          continue;
        }
        boolean gone = !standsAlone(out, v.text());
        for (Tally x : List.of(all, t)) {
          x.personal++;
          x.removed += gone ? 1 : 0;
        }
      }
      List<String> keep = probe ? e.probeKeptWords() : e.serverKeptWords();
      int wrong = missing(keep, out);
      for (Tally x : List.of(all, t)) {
        x.kept += keep.size();
        x.wrong += wrong;
        x.exact += exact ? 1 : 0;
      }
      if (!exact) {
        all.failures.add(
            "line " + e.line() + ": " + e.input() + "\n  want " + expected + "\n  got  " + out);
      }
    }
    return tallies;
  }

  /** The value in the text as a word of its own, any case. */
  static boolean standsAlone(String text, String value) {
    return Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])")
        .matcher(text)
        .find();
  }

  private static int missing(List<String> words, String out) {
    Map<String, Integer> have = new HashMap<>();
    for (String w : out.split("\\s+")) {
      have.merge(w, 1, Integer::sum);
    }
    int missing = 0;
    for (String w : words) {
      Integer n = have.get(w);
      if (n == null || n == 0) {
        missing++;
      } else {
        have.put(w, n - 1);
      }
    }
    return missing;
  }
}
