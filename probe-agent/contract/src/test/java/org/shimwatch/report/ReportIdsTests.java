package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportIdsTests {

  @Test
  void anIdIsAVersion7UuidThatCarriesItsTime() {
    Instant at = Instant.parse("2026-11-26T07:30:00.123Z");
    UUID id = ReportIds.next(at);
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(ReportIds.timeOf(id)).isEqualTo(at);
    // The contract's pattern takes it.
    assertThat(id.toString())
        .matches("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  }

  @Test
  void theBitsAreWhereTheStandardPutsThem() {
    UUID id = ReportIds.timeOrdered(0x0123_4567_89ABL, 0xFFFF_FFFF_FFFF_FABCL, -1L);
    assertThat(id.toString()).isEqualTo("01234567-89ab-7abc-bfff-ffffffffffff");
    assertThat(ReportIds.timeOrdered(0, 0, 0).toString())
        .isEqualTo("00000000-0000-7000-8000-000000000000");
  }

  @Test
  void laterIdsSortAfterEarlierOnesAndNoneRepeat() {
    Set<UUID> seen = new HashSet<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      UUID id = ReportIds.next(Instant.ofEpochMilli(1_790_000_000_000L + i));
      assertThat(seen.add(id)).isTrue();
      texts.add(id.toString());
    }
    assertThat(texts).isSorted();
  }

  @Test
  void aTimeOutsideTheFieldIsRefused() {
    assertThatThrownBy(() -> ReportIds.timeOrdered(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1970");
    assertThatThrownBy(() -> ReportIds.timeOrdered(ReportIds.MAX_MILLIS + 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReportIds.timeOrdered(ReportIds.MAX_MILLIS, 0, 0).version()).isEqualTo(7);
  }

  @Test
  void anIdOfAnotherVersionCarriesNoTime() {
    assertThat(ReportIds.timeOf(UUID.fromString("5e8b1f2c-9a3d-4c7e-b6f0-2d1e3c4b5a98"))).isNull();
  }
}
