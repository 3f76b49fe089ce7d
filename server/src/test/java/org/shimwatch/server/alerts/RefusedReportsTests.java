package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusedReportsTests {

  @Test
  void aSpikeNeedsTheThresholdAndManyTimesTheUsualCount() {
    assertThat(RefusedReports.isSpike(50, 0, 50, 5)).isTrue();
    assertThat(RefusedReports.isSpike(49, 0, 50, 5)).as("below the threshold").isFalse();
    assertThat(RefusedReports.isSpike(500, 99, 50, 5)).isTrue();
    assertThat(RefusedReports.isSpike(500, 101, 50, 5))
        .as("a project that always has many refusals")
        .isFalse();
  }
}
