package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrapTests {

  @Test
  void theCapIsTheContractsLimit() {
    int maxItems =
        ReportJson.mapper()
            .readTree(ReportValidator.schemaText())
            .path("properties")
            .path("traps")
            .path("maxItems")
            .asInt();

    assertThat(Trap.MAX_PER_REPORT).isEqualTo(maxItems);
  }

  @Test
  void beyondTheCapTheNewestTrapsAreKept() {
    List<Trap> seventy = IntStream.rangeClosed(1, 70).mapToObj(TrapTests::trap).toList();

    List<Trap> kept = Trap.newest(seventy);

    assertThat(kept).hasSize(Trap.MAX_PER_REPORT);
    assertThat(kept.get(0).process().pid()).isEqualTo(7L);
    assertThat(kept.get(kept.size() - 1).process().pid()).isEqualTo(70L);
  }

  @Test
  void withinTheCapEveryTrapIsKeptInItsOrder() {
    List<Trap> three = IntStream.rangeClosed(1, 3).mapToObj(TrapTests::trap).toList();

    assertThat(Trap.newest(three)).isEqualTo(three);
    assertThat(Trap.newest(List.of())).isEmpty();
  }

  private static Trap trap(int n) {
    return new Trap(
        Trap.TrapSource.SHIM_SIGNAL,
        Instant.ofEpochSecond(1_700_000_000L + n),
        "SIGSEGV",
        null,
        null,
        null,
        null,
        "client",
        null,
        "0x10",
        null,
        new Trap.Process("client", (long) n, null),
        null,
        null,
        null,
        null);
  }
}
