/* Process-wide lifecycle state, set by the initialiser and after fork(). */
#ifndef SW_STATE_H
#define SW_STATE_H

#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

struct sw_state {
  /* 1 once initialisation finished with recording on; wrappers pass calls through
   * untouched while it is 0. */
  _Atomic int active;
  pid_t pid;
  /* Process start (or fork) in ms since the epoch: part of the snapshot file name. */
  uint64_t started_wall_ms;
  /* Start of the current measurement period (start, fork or reset). */
  _Atomic uint64_t period_start_mono_ns;
};

extern struct sw_state sw_state;

#endif
