package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ReportContractTests {

  /** Numbers are equal by value: a measured figure 1 may come back as 1.0. */
  private static final Comparator<JsonNode> SAME_NUMBER =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private final ReportValidator validator = ReportValidator.instance();

  static Stream<String> examples() {
    return ReportExamples.NAMES.stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAValidReport(String name) {
    assertThat(validator.validate(ReportExamples.text(name))).as(name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleSurvivesTheRecordsUnchanged(String name) throws Exception {
    String text = ReportExamples.text(name);
    Report report = validator.parse(text);

    String written = ReportJson.write(report);

    JsonNode original = ReportJson.mapper().readTree(text);
    JsonNode again = ReportJson.mapper().readTree(written);
    assertThat(again.equals(SAME_NUMBER, normalizeTimes(original, report)))
        .as(name + " written back as " + written)
        .isTrue();
    assertThat(validator.parse(written)).isEqualTo(report);
    assertThat(validator.validate(written)).isEmpty();
  }

  @Test
  void examplesCoverWhatTheContractMustCarry() throws Exception {
    List<Report> all =
        ReportExamples.NAMES.stream().map(n -> parseUnchecked(ReportExamples.text(n))).toList();

    assertThat(all)
        .anySatisfy(
            r -> {
              assertThat(r.environment().client().name()).isEqualTo("aria2c");
              assertThat(r.outcome()).isEqualTo(Outcome.WORKS);
              assertThat(r.environment().os().family()).isEqualTo("linux");
            });
    assertThat(all)
        .anySatisfy(
            r -> {
              assertThat(r.environment().stack().version()).isEqualTo("4.3");
              assertThat(r.environment().client().name()).isEqualTo("BitTorrent");
              assertThat(r.traps())
                  .anySatisfy(t -> assertThat(t.module()).isEqualTo("TCPIP32.DLL"));
            });
    assertThat(all)
        .anySatisfy(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.SELECT_PROBLEM);
              assertThat(r.metrics().calls().select().latency().totalCount()).isPositive();
            });
    assertThat(all).anySatisfy(r -> assertThat(r.consentLevel()).isEqualTo(1));
    assertThat(all).anySatisfy(r -> assertThat(r.selfTests()).isNotEmpty());
    assertThat(all).anySatisfy(r -> assertThat(r.source()).isEqualTo(Source.MANUAL));
  }

  @Test
  void schemaDocumentsTheHistogramEncoding() {
    String description =
        ReportJson.mapper().readTree(ReportValidator.schemaText()).get("description").asString();
    assertThat(description)
        .contains("16 * (e - 3) + m")
        .contains("sparse")
        .contains("5%")
        .contains("adding the counts")
        .contains("719");
  }

  @Test
  void aReportBuiltInCodeIsCheckedAgainstTheContract() throws Exception {
    Report example = validator.parse(ReportExamples.text("level1-environment-only"));
    assertThat(validator.check(example)).isEqualTo(example);
  }

  @Test
  void aTrapIsJudgedByTheContractsOwnTrapDefinition() {
    for (String name : ReportExamples.NAMES) {
      for (JsonNode trap : ReportJson.mapper().readTree(ReportExamples.text(name)).path("traps")) {
        assertThat(validator.validateTrap(trap)).as(name).isEmpty();
      }
    }
    JsonNode bad =
        ReportJson.mapper()
            .readTree(
                "{\"source\":\"shim-signal\",\"signal\":\"<script>\",\"frames\":[{\"offset\":\"zz\"}],"
                    + "\"extra\":1}");

    assertThat(validator.validateTrap(bad))
        .extracting(Violation::pointer)
        .containsExactly("/extra", "/frames/0/offset", "/signal");
    assertThat(validator.validateTrap(ReportJson.mapper().readTree("{}")))
        .extracting(Violation::reason)
        .containsExactly("required");
  }

  @Test
  void snapshotCallsAreJudgedByTheContractsDefinitionOfAReportsCalls() {
    JsonNode calls =
        ReportJson.mapper()
            .readTree(ReportExamples.text("linux-aria2c-works"))
            .path("metrics")
            .path("calls");
    assertThat(calls.isObject()).isTrue();
    assertThat(validator.validateCalls(calls)).isEmpty();

    assertThat(validator.validateCalls(ReportJson.mapper().readTree("{\"poll\":{\"count\":-4}}")))
        .isNotEmpty()
        .allSatisfy(v -> assertThat(v.pointer()).startsWith("/poll"));
    assertThat(validator.validateCalls(ReportJson.mapper().readTree("{\"accept\":{\"count\":4}}")))
        .extracting(Violation::pointer)
        .containsExactly("/accept");
  }

  private Report parseUnchecked(String text) {
    try {
      return validator.parse(text);
    } catch (InvalidReportException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /**
   * Timestamps are read as instants and written back in UTC, so an example written with an offset
   * comes back as the same instant in Z form; everything else must be identical.
   */
  private static JsonNode normalizeTimes(JsonNode original, Report report) {
    var copy = original.deepCopy();
    ((tools.jackson.databind.node.ObjectNode) copy).put("createdAt", report.createdAt().toString());
    if (report.traps() != null) {
      for (int i = 0; i < report.traps().size(); i++) {
        Trap t = report.traps().get(i);
        if (t.time() != null) {
          ((tools.jackson.databind.node.ObjectNode) copy.get("traps").get(i))
              .put("time", t.time().toString());
        }
      }
    }
    if (report.period() != null) {
      var period = (tools.jackson.databind.node.ObjectNode) copy.get("period");
      period.put("start", report.period().start().toString());
      period.put("end", report.period().end().toString());
    }
    return copy;
  }
}
