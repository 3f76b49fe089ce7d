package org.shimwatch.privacy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Benchmark, not a test: how many strings of the labelled corpus per second the probe's scrubber
 * (with local names) and the server's (generic) get through, against the baseline of one pass of
 * one simple regular expression (splitting into words) over the same strings, all measured in the
 * same run with their rounds interleaved. Run with {@code mvn -q -Pbench -DskipTests verify} in
 * {@code probe-agent/contract}.
 */
public final class ScrubberBenchmark {

  private static final int ROUNDS = 9;
  private static final long ROUND_NANOS = 300_000_000L;
  private static final Pattern WORDS = Pattern.compile("\\s+");

  /** Where results go so that the JIT cannot drop the work. */
  static volatile long sinkHole;

  private ScrubberBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> inputs = ScrubberCorpus.load().stream().map(ScrubberCorpus.Entry::input).toList();
    Scrubber probe =
        Scrubber.withNames(ScrubberCorpus.USERS, ScrubberCorpus.HOSTS, ScrubberCorpus.REAL_NAMES);
    Scrubber server = Scrubber.generic();
    Map<String, UnaryOperator<String>> ways = new LinkedHashMap<>();
    ways.put("one-regex-pass", s -> WORDS.split(s)[0]);
    ways.put("probe", probe::scrub);
    ways.put("server", server::scrub);

    ways.values().forEach(w -> rate(w, inputs));
    Map<String, double[]> rounds = new LinkedHashMap<>();
    ways.keySet().forEach(k -> rounds.put(k, new double[ROUNDS]));
    for (int r = 0; r < ROUNDS; r++) {
      for (Map.Entry<String, UnaryOperator<String>> w : ways.entrySet()) {
        rounds.get(w.getKey())[r] = rate(w.getValue(), inputs);
      }
    }
    double baseline = median(rounds.get("one-regex-pass"));
    for (Map.Entry<String, double[]> e : rounds.entrySet()) {
      double rate = median(e.getValue());
      System.out.printf(
          Locale.ROOT,
          "probe-agent bench scrubber-%s: %,.0f strings/s (%.2f µs a string), baseline"
              + " one-regex-pass %,.0f strings/s, ratio %.3f%n",
          e.getKey(),
          rate,
          1e6 / rate,
          baseline,
          rate / baseline);
    }
  }

  private static double rate(UnaryOperator<String> way, List<String> inputs) {
    long n = 0;
    long sink = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      for (String s : inputs) {
        sink += way.apply(s).length();
      }
      n += inputs.size();
      elapsed = System.nanoTime() - start;
    } while (elapsed < ROUND_NANOS);
    sinkHole += sink;
    return n * 1e9 / elapsed;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
