package org.shimwatch.server.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.advice.AppliesTo;

class AdviceMatcherTests {

  static final AdviceEnvironment WARP4_421 =
      new AdviceEnvironment(
          "os2-tcpip",
          "4.21",
          List.of("csd:UN01234", "fixpak:FP15=1.0"),
          "replace-lib-dynload",
          "0.1.5",
          Set.of(7L));

  static AppliesTo stack(String name, String from, String to) {
    return new AppliesTo(name, from, to, null, null, null, null, null, null);
  }

  static AppliesTo fix(String fix, boolean present) {
    return new AppliesTo(null, null, null, fix, present, null, null, null, null);
  }

  static AppliesTo shim(String from, String to) {
    return new AppliesTo(null, null, null, null, null, null, null, from, to);
  }

  @Test
  void stackRangesIncludeBothEndsAndCompareAsVersions() {
    assertThat(AdviceMatcher.applies(stack("os2-tcpip", "4.21", "4.3"), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(stack(null, "4.1", "4.21"), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(stack(null, "4.3", null), null, WARP4_421)).isFalse();
    assertThat(AdviceMatcher.applies(stack(null, null, "4.2"), null, WARP4_421))
        .as("4.21 is after 4.2")
        .isFalse();
    assertThat(AdviceMatcher.applies(stack("OS2-TCPIP", null, null), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(stack("linux", null, null), null, WARP4_421)).isFalse();
  }

  @Test
  void ibmTcpIpVersionsAreDecimalsOtherStacksComparePartByPart() {
    assertThat(AdviceMatcher.compareStack("os2-tcpip", "4.21", "4.3")).isNegative();
    assertThat(AdviceMatcher.compareStack("os2-tcpip", "4.3", "4.31")).isNegative();
    assertThat(AdviceMatcher.compareStack("os2-tcpip", "4.1", "4.21")).isNegative();
    assertThat(AdviceMatcher.compareStack("linux", "5.9", "5.10")).isNegative();
    assertThat(AdviceMatcher.compareStack(null, "5.9", "5.10")).isNegative();
    assertThat(AdviceMatcher.compareStack("os2-tcpip", "4.3", "4.3.1")).isNegative();
    AdviceEnvironment kernel =
        new AdviceEnvironment("linux", "5.10", List.of(), "preload", "0.1.0", Set.of());
    assertThat(AdviceMatcher.applies(stack("linux", "5.4", "5.9"), null, kernel)).isFalse();
    assertThat(AdviceMatcher.applies(stack("linux", "5.9", "6.1"), null, kernel)).isTrue();
  }

  @Test
  void aFixMatchesByIdOrKindAndIdWhateverItsVersion() {
    assertThat(AdviceMatcher.applies(fix("UN01234", true), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(fix("csd:un01234", true), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(fix("FP15", true), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(fix("fixpak:FP15", true), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(fix("newstack:UN01234", true), null, WARP4_421)).isFalse();
    assertThat(AdviceMatcher.applies(fix("UN02200", true), null, WARP4_421)).isFalse();
    assertThat(AdviceMatcher.applies(fix("UN02200", false), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(fix("UN01234", false), null, WARP4_421)).isFalse();
  }

  @Test
  void installModeTrapGroupAndShimRangeMustHoldWhereKnown() {
    AppliesTo preload = new AppliesTo(null, null, null, null, null, "preload", null, null, null);
    AppliesTo replace =
        new AppliesTo(null, null, null, null, null, "replace-lib-dynload", null, null, null);
    AppliesTo group7 = new AppliesTo(null, null, null, null, null, null, 7L, null, null);
    AppliesTo group8 = new AppliesTo(null, null, null, null, null, null, 8L, null, null);
    assertThat(AdviceMatcher.applies(preload, null, WARP4_421)).isFalse();
    assertThat(AdviceMatcher.applies(replace, null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(group7, null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(group8, null, WARP4_421)).isFalse();
    assertThat(AdviceMatcher.applies(shim("0.1.0", "0.1.9"), null, WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(shim("0.1.10", null), null, WARP4_421))
        .as("0.1.5 is before 0.1.10")
        .isFalse();
  }

  @Test
  void everyPartSetMustHold() {
    AppliesTo all =
        new AppliesTo("os2-tcpip", "4.0", "4.21", "UN02200", false, null, 7L, null, "0.1.9");
    assertThat(AdviceMatcher.applies(all, null, WARP4_421)).isTrue();
    AppliesTo oneWrong =
        new AppliesTo("os2-tcpip", "4.0", "4.21", "UN01234", false, null, 7L, null, "0.1.9");
    assertThat(AdviceMatcher.applies(oneWrong, null, WARP4_421)).isFalse();
  }

  @Test
  void anIssueFixedInAVersionIsNotShownToThatVersionOrLater() {
    AppliesTo group7 = new AppliesTo(null, null, null, null, null, null, 7L, null, null);
    assertThat(AdviceMatcher.applies(group7, "0.2.0", WARP4_421)).isTrue();
    assertThat(AdviceMatcher.applies(group7, "0.1.5", WARP4_421)).isFalse();
    assertThat(AdviceMatcher.applies(group7, "0.1.4", WARP4_421)).isFalse();
  }

  @Test
  void partsNotKnownDoNotKeepAnEntryAway() {
    AdviceEnvironment cell =
        new AdviceEnvironment("os2-tcpip", "4.21", List.of(), null, null, null);
    AppliesTo preload = new AppliesTo(null, null, null, null, null, "preload", null, null, null);
    assertThat(AdviceMatcher.applies(preload, null, cell)).isTrue();
    assertThat(AdviceMatcher.applies(shim("0.3", "0.4"), "0.1", cell)).isTrue();
    assertThat(AdviceMatcher.applies(fix("UN02200", false), null, cell))
        .as("no fixes listed: the fix is missing")
        .isTrue();
    AdviceEnvironment nothing = new AdviceEnvironment(null, null, null, null, null, null);
    assertThat(AdviceMatcher.applies(fix("UN02200", true), null, nothing)).isTrue();
    assertThat(AdviceMatcher.applies(stack("linux", "6.0", null), null, nothing)).isTrue();
  }
}
