/* Clock reads shared by the wrappers, the spool and the traps. */
#ifndef SW_CLOCK_H
#define SW_CLOCK_H

#include <stdint.h>
#include <time.h>

/*
 * CLOCK_MONOTONIC through the vDSO: no system call on x86-64 with a TSC clocksource,
 * and unaffected by the wall clock being set while a call waits.
 */
static inline uint64_t sw_mono_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Milliseconds since the Unix epoch, for the timestamps in the files. */
static inline uint64_t sw_wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

#endif
