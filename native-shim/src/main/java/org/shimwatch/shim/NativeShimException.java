package org.shimwatch.shim;

/** A failure reported by the native library: the function that failed and its errno. */
public final class NativeShimException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String function;
  private final int errno;

  public NativeShimException(String function, int errno, String detail) {
    super(function + " failed" + (errno != 0 ? " (errno " + errno + ")" : "") + ": " + detail);
    this.function = function;
    this.errno = errno;
  }

  /** The C function that failed, e.g. {@code shimwatch_flush}. */
  public String function() {
    return function;
  }

  /** The errno it reported, 0 when there was none. */
  public int errno() {
    return errno;
  }
}
