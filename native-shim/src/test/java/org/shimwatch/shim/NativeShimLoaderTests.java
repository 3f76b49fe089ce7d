package org.shimwatch.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class NativeShimLoaderTests {

  @Test
  void loadsTheLibraryFromTheClasspath() {
    assertThat(getClass().getClassLoader().getResource(NativeShim.LIBRARY_RESOURCE)).isNotNull();

    NativeShim shim = NativeShimLoader.load();

    assertThat(shim.isLoaded()).as("loaded: %s", shim).isTrue();
    assertThat(shim.version()).hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+\\.\\d+"));
    assertThat(shim.isEnabled()).isTrue();
  }

  @Test
  void snapshotDescribesThisProcess() {
    NativeShim shim = NativeShimLoader.load();

    String json = shim.snapshotJson().orElseThrow();

    assertThat(json)
        .startsWith("{\"format\":\"shimwatch-snapshot\",\"formatVersion\":1,")
        .contains("\"shimVersion\":\"" + shim.version().orElseThrow() + "\"")
        .contains("\"pid\":" + ProcessHandle.current().pid() + ",")
        .endsWith("}");
  }

  @Test
  void fallsBackToANoOpWhenTheLibraryIsMissing() {
    NativeShim shim = NativeShimLoader.load("shimwatch-not-there");

    assertThat(shim.isLoaded()).isFalse();
    assertThat(shim.isEnabled()).isFalse();
    assertThat(shim.version()).isEmpty();
    assertThat(shim.snapshotJson()).isEmpty();
    assertThatCode(shim::reset).doesNotThrowAnyException();
    assertThatCode(shim::flush).doesNotThrowAnyException();
    assertThat(((UnavailableNativeShim) shim).reason()).contains("shimwatch-not-there");
    assertThat(shim.selfTests()).isEqualTo(SelfTestInfo.BUILT_IN);
    assertThat(shim.runSelfTest("select-eintr"))
        .startsWith("{\"id\":\"select-eintr\",\"result\":\"skipped\",")
        .contains("\"summary\":\"the shim library could not be loaded: UnsatisfiedLinkError: ")
        .contains("shimwatch-not-there")
        .endsWith(",\"durationMs\":0,\"values\":{}}");
  }

  @Test
  void fallsBackWhenTheLibraryIsNotTheShim() {
    // libc loads fine but has no shimwatch_version.
    NativeShim shim = NativeShimLoader.load("c");

    assertThat(shim.isLoaded()).isFalse();
    assertThat(((UnavailableNativeShim) shim).reason()).contains("shimwatch_version");
  }
}
