package org.shimwatch.shim.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shimwatch.shim.NativeShim;
import org.shimwatch.shim.NativeShimException;
import org.shimwatch.shim.SelfTestInfo;

class JnaNativeShimTests {

  private final JnaNativeShim shim = JnaNativeShim.load(NativeShim.LIBRARY_NAME);

  /**
   * Calls the library's own poll export. Loaded through JNA the library does not interpose the
   * JVM's calls, so this is how a test makes it record one.
   */
  private static int pollThroughTheShim(int timeoutMs) {
    Function poll = NativeLibrary.getInstance(NativeShim.LIBRARY_NAME).getFunction("poll");
    return poll.invokeInt(new Object[] {Pointer.NULL, new NativeLong(0), timeoutMs});
  }

  @Test
  void snapshotCountsCallsAndResetForgetsThem() {
    shim.reset();
    assertThat(shim.snapshotJson().orElseThrow()).contains("\"calls\":{}");

    assertThat(pollThroughTheShim(0)).isZero();
    assertThat(pollThroughTheShim(1)).isZero();

    String json = shim.snapshotJson().orElseThrow();
    assertThat(json)
        .contains("\"poll\":{\"count\":2,")
        .contains("\"results\":{\"ready\":0,\"timeout\":2,\"interrupted\":0,\"error\":0}")
        .contains("\"zeroTimeoutCalls\":1");

    shim.reset();
    assertThat(shim.snapshotJson().orElseThrow()).contains("\"calls\":{}");
  }

  @Test
  void flushWritesTheSnapshotFileToTheSpool() throws IOException {
    Path spool = Path.of(System.getenv("SHIMWATCH_SPOOL"));
    shim.reset();
    pollThroughTheShim(0);

    shim.flush();

    String prefix = "snapshot-" + ProcessHandle.current().pid() + "-";
    try (Stream<Path> files = Files.list(spool)) {
      List<Path> snapshots =
          files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
      assertThat(snapshots).hasSize(1);
      assertThat(Files.readString(snapshots.get(0))).contains("\"poll\":{\"count\":1,");
    }
  }

  @Test
  void nativeErrorsBecomeTypedExceptions() {
    ShimwatchLibrary failing =
        new ShimwatchLibrary() {
          @Override
          public String shimwatch_version() {
            return "0.0.0";
          }

          @Override
          public int shimwatch_enabled() {
            return 0;
          }

          @Override
          public NativeLong shimwatch_snapshot(byte[] buf, NativeLong len) {
            return new NativeLong(-1);
          }

          @Override
          public void shimwatch_reset() {}

          @Override
          public int shimwatch_flush() {
            return -1;
          }

          @Override
          public int shimwatch_selftest_count() {
            return 1;
          }

          @Override
          public String shimwatch_selftest_id(int i) {
            return "select-readiness";
          }

          @Override
          public String shimwatch_selftest_title(int i) {
            return "readiness";
          }

          @Override
          public int shimwatch_selftest_budget_ms(int i) {
            return 500;
          }

          @Override
          public int shimwatch_selftest_run(int i, byte[] buf, NativeLong len) {
            return -1;
          }
        };
    JnaNativeShim broken = new JnaNativeShim(failing, () -> 125 /* ECANCELED */);

    assertThatThrownBy(broken::flush)
        .isInstanceOfSatisfying(
            NativeShimException.class,
            e -> {
              assertThat(e.function()).isEqualTo("shimwatch_flush");
              assertThat(e.errno()).isEqualTo(125);
            });
    assertThatThrownBy(broken::snapshotJson)
        .isInstanceOfSatisfying(
            NativeShimException.class,
            e -> assertThat(e.function()).isEqualTo("shimwatch_snapshot"));
    assertThatThrownBy(() -> broken.runSelfTest("select-readiness"))
        .isInstanceOfSatisfying(
            NativeShimException.class,
            e -> {
              assertThat(e.function()).isEqualTo("shimwatch_selftest_run");
              assertThat(e.errno()).isEqualTo(125);
            });
  }

  @Test
  void listsTheBuiltInSelfTests() {
    assertThat(shim.selfTests()).isEqualTo(SelfTestInfo.BUILT_IN);
  }

  @Test
  void runsOneSelfTestThroughTheShimsOwnWrappers() {
    shim.reset();

    String json = shim.runSelfTest("select-readiness");

    assertThat(json)
        .startsWith("{\"id\":\"select-readiness\",\"result\":\"pass\",\"summary\":\"")
        .contains("\"values\":{\"selectUs\":");
    // Two select and two poll calls; JNA opened the library, yet the wrappers counted them.
    String snapshot = shim.snapshotJson().orElseThrow();
    assertThat(snapshot).contains("\"select\":{\"count\":2,").contains("\"poll\":{\"count\":2,");
  }

  @Test
  void anUnknownSelfTestIsRefused() {
    assertThatThrownBy(() -> shim.runSelfTest("no-such-check"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-check");
  }
}
