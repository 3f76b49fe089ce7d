package org.shimwatch.shim.jna;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;

/**
 * JNA mapping of {@code shimwatch.h}. {@code long} and {@code size_t} are both 64 bits on
 * linux-x86-64, the only platform the library is built for, so both map to {@link NativeLong}.
 */
interface ShimwatchLibrary extends Library {

  String shimwatch_version();

  int shimwatch_enabled();

  NativeLong shimwatch_snapshot(byte[] buf, NativeLong len);

  void shimwatch_reset();

  int shimwatch_flush();

  int shimwatch_selftest_count();

  String shimwatch_selftest_id(int i);

  String shimwatch_selftest_title(int i);

  int shimwatch_selftest_budget_ms(int i);

  int shimwatch_selftest_run(int i, byte[] buf, NativeLong len);
}
