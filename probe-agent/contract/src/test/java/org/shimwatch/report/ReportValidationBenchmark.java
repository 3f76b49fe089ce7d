package org.shimwatch.report;

import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark, not a test: how many example reports per second each way of checking them gets through
 * (parse + check), against the baseline of only parsing the same bytes, all measured in the same
 * run with their rounds interleaved, so that a busy machine slows them alike. Besides the shared
 * validator (one pass of the library, plus the rules the schema cannot say) it measures the JSON
 * Schema library alone in each of its modes (full error list, fail-fast, boolean). Run with {@code
 * mvn -q -Pbench -DskipTests verify}.
 */
public final class ReportValidationBenchmark {

  private static final int ROUNDS = 9;
  private static final long ROUND_NANOS = 300_000_000L;

  private ReportValidationBenchmark() {}

  public static void main(String[] args) {
    List<byte[]> docs =
        ReportExamples.NAMES.stream()
            .map(n -> ReportExamples.text(n).getBytes(StandardCharsets.UTF_8))
            .toList();
    ReportValidator validator = ReportValidator.instance();
    Schema schema = ReportValidator.contractSchema();

    Map<String, Runnable> ways = new LinkedHashMap<>();
    ways.put("parse-only", () -> docs.forEach(d -> ReportJson.mapper().readTree(d)));
    ways.put("validator", () -> docs.forEach(d -> expect(validator.validate(d).isEmpty())));
    ways.put("library-full", parsed(docs, n -> schema.validate(n).isEmpty()));
    ways.put(
        "library-failfast",
        parsed(
            docs,
            n -> schema.validate(n, c -> c.executionConfig(b -> b.failFast(true))).isEmpty()));
    ways.put("library-boolean", parsed(docs, n -> schema.validate(n, OutputFormat.BOOLEAN)));

    // Warm every path before measuring any.
    ways.values().forEach(w -> rate(w, docs.size(), 1));
    Map<String, double[]> rounds = new LinkedHashMap<>();
    ways.keySet().forEach(k -> rounds.put(k, new double[ROUNDS]));
    for (int r = 0; r < ROUNDS; r++) {
      for (Map.Entry<String, Runnable> w : ways.entrySet()) {
        rounds.get(w.getKey())[r] = rate(w.getValue(), docs.size(), 1);
      }
    }
    Map<String, Double> rate = new LinkedHashMap<>();
    rounds.forEach((k, v) -> rate.put(k, median(v)));

    double baseline = rate.get("parse-only");
    for (Map.Entry<String, Double> e : rate.entrySet()) {
      if (e.getKey().equals("parse-only")) {
        continue;
      }
      System.out.printf(
          "probe-agent bench contract-%s: %,.0f reports/s, baseline parse-only %,.0f reports/s,"
              + " ratio %.2f (the check alone %.1f µs a report)%n",
          e.getKey(),
          e.getValue(),
          baseline,
          e.getValue() / baseline,
          checkMicros(e.getValue(), baseline));
    }
  }

  private static Runnable parsed(List<byte[]> docs, Predicate<JsonNode> accepts) {
    return () -> docs.forEach(d -> expect(accepts.test(ReportJson.mapper().readTree(d))));
  }

  private static void expect(boolean valid) {
    if (!valid) {
      throw new IllegalStateException("an example stopped being valid");
    }
  }

  /** What checking costs beyond parsing, in microseconds a report. */
  private static double checkMicros(double rate, double baseline) {
    return (1 / rate - 1 / baseline) * 1e6;
  }

  /** Reports per second over {@code rounds} timed rounds (their median). */
  private static double rate(Runnable batch, int docsPerBatch, int rounds) {
    double[] rates = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      long batches = 0;
      long elapsed;
      do {
        batch.run();
        batches++;
        elapsed = System.nanoTime() - start;
      } while (elapsed < ROUND_NANOS);
      rates[r] = batches * docsPerBatch / (elapsed / 1e9);
    }
    return median(rates);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
