package org.shimwatch.shim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The no-op stand-in used when the native library cannot be loaded; says why. */
public final class UnavailableNativeShim implements NativeShim {

  private final String reason;

  public UnavailableNativeShim(String reason) {
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the library could not be loaded. */
  public String reason() {
    return reason;
  }

  @Override
  public boolean isLoaded() {
    return false;
  }

  @Override
  public Optional<String> version() {
    return Optional.empty();
  }

  @Override
  public boolean isEnabled() {
    return false;
  }

  @Override
  public Optional<String> snapshotJson() {
    return Optional.empty();
  }

  @Override
  public void reset() {}

  @Override
  public void flush() {}

  @Override
  public List<SelfTestInfo> selfTests() {
    return SelfTestInfo.BUILT_IN;
  }

  @Override
  public String runSelfTest(String id) {
    if (SelfTestInfo.BUILT_IN.stream().noneMatch(t -> t.id().equals(id))) {
      throw new IllegalArgumentException("no such self-test: " + id);
    }
    return SelfTestJson.skipped(id, "the shim library could not be loaded: " + reason);
  }

  @Override
  public String toString() {
    return "UnavailableNativeShim[" + reason + "]";
  }
}
