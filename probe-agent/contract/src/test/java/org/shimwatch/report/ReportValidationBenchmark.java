package org.shimwatch.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark, not a test: how many example reports per second the shared validator checks (parse +
 * schema + the rules beyond it), against the baseline of only parsing the same bytes, measured in
 * the same run. Run with {@code mvn -q -Pbench -DskipTests verify}.
 */
public final class ReportValidationBenchmark {

  private static final int ROUNDS = 7;
  private static final long ROUND_NANOS = 400_000_000L;

  private ReportValidationBenchmark() {}

  public static void main(String[] args) {
    List<byte[]> docs =
        ReportExamples.NAMES.stream()
            .map(n -> ReportExamples.text(n).getBytes(StandardCharsets.UTF_8))
            .toList();
    ReportValidator validator = ReportValidator.instance();

    Runnable parseOnly = () -> docs.forEach(d -> ReportJson.mapper().readTree(d));
    Runnable validate =
        () ->
            docs.forEach(
                d -> {
                  if (!validator.validate(d).isEmpty()) {
                    throw new IllegalStateException("an example stopped being valid");
                  }
                });

    // Warm both paths before measuring either.
    rate(parseOnly, docs.size());
    rate(validate, docs.size());
    double baseline = rate(parseOnly, docs.size());
    double figure = rate(validate, docs.size());

    System.out.printf(
        "probe-agent bench contract-validate: %,.0f reports/s, baseline parse-only %,.0f reports/s,"
            + " ratio %.2f%n",
        figure, baseline, figure / baseline);
  }

  /** Median reports per second over {@link #ROUNDS} timed rounds. */
  private static double rate(Runnable batch, int docsPerBatch) {
    double[] rates = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
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
    Arrays.sort(rates);
    return rates[ROUNDS / 2];
  }
}
