package org.shimwatch.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The battery's order, deadline and fallbacks, over a scripted shim and a scripted clock. */
class SelfTestBatteryTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A shim whose checks each take a set time on the scripted clock and then pass. */
  private static final class ScriptedShim implements NativeShim {
    final List<SelfTestInfo> tests;
    final AtomicLong clock;
    final List<String> ran = new ArrayList<>();
    String failing = "";

    ScriptedShim(AtomicLong clock, SelfTestInfo... tests) {
      this.clock = clock;
      this.tests = List.of(tests);
    }

    @Override
    public List<SelfTestInfo> selfTests() {
      return tests;
    }

    @Override
    public String runSelfTest(String id) {
      ran.add(id);
      if (id.equals(failing)) {
        throw new NativeShimException("shimwatch_selftest_run", 12, "could not run " + id);
      }
      SelfTestInfo test = tests.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
      clock.addAndGet(test.budget().toNanos() / 2);
      return "{\"id\":\""
          + id
          + "\",\"result\":\"pass\",\"summary\":\"ok\",\"durationMs\":1,"
          + "\"values\":{}}";
    }

    @Override
    public boolean isLoaded() {
      return true;
    }

    @Override
    public Optional<String> version() {
      return Optional.of("0.0.0");
    }

    @Override
    public boolean isEnabled() {
      return true;
    }

    @Override
    public Optional<String> snapshotJson() {
      return Optional.empty();
    }

    @Override
    public void reset() {}

    @Override
    public void flush() {}
  }

  private static SelfTestInfo test(String id, long budgetMs) {
    return new SelfTestInfo(id, "the " + id + " check", Duration.ofMillis(budgetMs));
  }

  private record Event(String what, String id, int index, int count) {}

  @Test
  void runsEveryCheckInOrderAndTellsTheListenerAsItGoes() {
    AtomicLong clock = new AtomicLong();
    ScriptedShim shim = new ScriptedShim(clock, test("a", 100), test("b", 200), test("c", 300));
    List<Event> events = new ArrayList<>();

    List<String> results =
        new SelfTestBattery(shim, Duration.ofSeconds(15), clock::get)
            .run(
                new SelfTestBattery.Listener() {
                  @Override
                  public void started(SelfTestInfo t, int index, int count) {
                    events.add(new Event("started", t.id(), index, count));
                  }

                  @Override
                  public void finished(SelfTestInfo t, String json, int index, int count) {
                    assertThat(json).contains("\"id\":\"" + t.id() + "\"");
                    events.add(new Event("finished", t.id(), index, count));
                  }
                });

    assertThat(shim.ran).containsExactly("a", "b", "c");
    assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r).contains("\"result\":\"pass\""));
    assertThat(events)
        .containsExactly(
            new Event("started", "a", 0, 3),
            new Event("finished", "a", 0, 3),
            new Event("started", "b", 1, 3),
            new Event("finished", "b", 1, 3),
            new Event("started", "c", 2, 3),
            new Event("finished", "c", 2, 3));
  }

  @Test
  void skipsACheckThatNoLongerFitsTheDeadlineAndRunsTheNextThatDoes() {
    // a takes 1000 ms of the 3000; b may take 2500 of the 2000 left; c fits in them.
    AtomicLong clock = new AtomicLong();
    ScriptedShim shim = new ScriptedShim(clock, test("a", 2000), test("b", 2500), test("c", 500));

    List<String> results = new SelfTestBattery(shim, Duration.ofMillis(3000), clock::get).run();

    assertThat(shim.ran).containsExactly("a", "c");
    JsonNode skipped = JSON.readTree(results.get(1));
    assertThat(skipped.get("id").asString()).isEqualTo("b");
    assertThat(skipped.get("result").asString()).isEqualTo("skipped");
    assertThat(skipped.get("summary").asString())
        .isEqualTo(
            "not run: 2000 ms were left of the battery's 3000 ms deadline, and the check may"
                + " take 2500 ms");
    assertThat(skipped.get("durationMs").asLong()).isZero();
    assertThat(skipped.get("values").isObject()).isTrue();
    assertThat(results.get(2)).contains("\"result\":\"pass\"");
  }

  @Test
  void aCheckTheLibraryCannotRunIsSkippedWithTheReasonAndTheRestRun() {
    AtomicLong clock = new AtomicLong();
    ScriptedShim shim = new ScriptedShim(clock, test("a", 100), test("b", 100));
    shim.failing = "a";

    List<String> results = new SelfTestBattery(shim, Duration.ofSeconds(1), clock::get).run();

    JsonNode a = JSON.readTree(results.get(0));
    assertThat(a.get("result").asString()).isEqualTo("skipped");
    assertThat(a.get("summary").asString())
        .startsWith("the check could not run: shimwatch_selftest_run failed (errno 12)");
    assertThat(results.get(1)).contains("\"result\":\"pass\"");
  }

  @Test
  void anInterruptedBatterySkipsWhatIsLeftAndKeepsTheInterrupt() {
    AtomicLong clock = new AtomicLong();
    ScriptedShim shim = new ScriptedShim(clock, test("a", 100), test("b", 100));
    Thread.currentThread().interrupt();
    try {
      List<String> results = new SelfTestBattery(shim, Duration.ofSeconds(1), clock::get).run();

      assertThat(shim.ran).isEmpty();
      assertThat(results)
          .allSatisfy(
              r ->
                  assertThat(r)
                      .contains("\"result\":\"skipped\"")
                      .contains("the battery was interrupted"));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void withoutTheLibraryEveryBuiltInCheckIsSkippedWithTheReason() {
    NativeShim shim = new UnavailableNativeShim("UnsatisfiedLinkError: no \"shimwatch\" here");

    List<String> results = new SelfTestBattery(shim).run();

    assertThat(results).hasSameSizeAs(SelfTestInfo.BUILT_IN);
    for (int i = 0; i < results.size(); i++) {
      JsonNode r = JSON.readTree(results.get(i));
      assertThat(r.get("id").asString()).isEqualTo(SelfTestInfo.BUILT_IN.get(i).id());
      assertThat(r.get("result").asString()).isEqualTo("skipped");
      assertThat(r.get("summary").asString())
          .isEqualTo(
              "the shim library could not be loaded: UnsatisfiedLinkError: no \"shimwatch\" here");
      assertThat(r.properties()).hasSize(5);
    }
    assertThatThrownBy(() -> shim.runSelfTest("no-such-check"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBuiltInBudgetsFitTheDefaultDeadline() {
    Duration sum =
        SelfTestInfo.BUILT_IN.stream()
            .map(SelfTestInfo::budget)
            .reduce(Duration.ZERO, Duration::plus);

    assertThat(sum).isLessThanOrEqualTo(SelfTestBattery.DEFAULT_DEADLINE);
    assertThatThrownBy(() -> test("Not An Id", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SelfTestBattery(new UnavailableNativeShim("x"), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void skippedResultsAreEscapedAndCutToTheContractsLength() {
    String reason = "quote \" backslash \\ tab \t bell \u0007 " + "\uD83D\uDE00".repeat(600);

    JsonNode r = JSON.readTree(SelfTestJson.skipped("x", reason));

    String summary = r.get("summary").asString();
    assertThat(summary.codePointCount(0, summary.length())).isEqualTo(500);
    assertThat(summary).startsWith("quote \" backslash \\ tab \t bell \u0007 ");
    assertThat(Character.isHighSurrogate(summary.charAt(summary.length() - 1))).isFalse();
  }
}
