package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonTests {

  @Test
  void matchesPublishedValues() {
    // 8 of 10: Wilson 95% interval 0.4902 .. 0.9433
    Wilson.Interval i = Wilson.interval(8, 10);
    assertThat(i.lower()).isCloseTo(0.4902, within(0.0001));
    assertThat(i.upper()).isCloseTo(0.9433, within(0.0001));
    // 3 of 3 is not certainty: lower bound 0.4385
    assertThat(Wilson.lowerBound(3, 3)).isCloseTo(0.4385, within(0.0001));
  }

  @Test
  void tightensWithMoreReportsAtTheSameRate() {
    assertThat(Wilson.lowerBound(90, 100)).isGreaterThan(Wilson.lowerBound(9, 10));
    assertThat(Wilson.lowerBound(900, 1000)).isGreaterThan(Wilson.lowerBound(90, 100));
    assertThat(Wilson.lowerBound(900, 1000)).isLessThan(0.9);
  }

  @Test
  void staysWithinZeroAndOne() {
    assertThat(Wilson.interval(0, 5).lower()).isZero();
    assertThat(Wilson.interval(5, 5).upper()).isEqualTo(1.0);
    assertThat(Wilson.interval(0, 0)).isEqualTo(new Wilson.Interval(0, 1));
  }
}
