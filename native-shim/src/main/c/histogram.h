/*
 * Log-linear latency histogram with the report contract's bucket formula.
 *
 * Values are nanoseconds. Values below 16 have a bucket each; above that, every power
 * of two [2^e, 2^(e+1)) is split into 16 equal buckets, so a bucket is at most 1/16 of
 * its lower bound wide and its midpoint is within 1/32 of any value in it. The layout
 * is fixed (720 counters), recording is one relaxed atomic addition (wait-free and
 * exact under threads), and two histograms merge by adding equal buckets.
 */
#ifndef SW_HISTOGRAM_H
#define SW_HISTOGRAM_H

#include <stdatomic.h>
#include <stdint.h>

#include "shimwatch.h"

#define SW_HIST_BUCKETS SHIMWATCH_HISTOGRAM_BUCKETS
/* e = 47 is the last power of two with buckets of its own (index 16 * 44 + 15 = 719). */
#define SW_HIST_MAX_EXP 47

struct sw_histogram {
  _Atomic uint64_t buckets[SW_HIST_BUCKETS];
};

/* Bucket index of v: the contract's formula, clamped to the last bucket. */
static inline __attribute__((always_inline)) unsigned sw_hist_index(uint64_t v) {
  if (v < 16)
    return (unsigned)v;
  unsigned e = 63u - (unsigned)__builtin_clzll(v);
  if (e > SW_HIST_MAX_EXP)
    return SW_HIST_BUCKETS - 1;
  unsigned m = (unsigned)(v >> (e - 4)) & 15u;
  return 16u * (e - 3u) + m;
}

static inline __attribute__((always_inline)) void sw_hist_record(struct sw_histogram *h,
                                                                 uint64_t v) {
  atomic_fetch_add_explicit(&h->buckets[sw_hist_index(v)], 1, memory_order_relaxed);
}

/* Smallest value counted in bucket i (i < SW_HIST_BUCKETS). */
uint64_t sw_hist_lower(unsigned i);

/* Number of distinct values bucket i holds (1 below 16; the last bucket also holds
 * everything above its range, which this does not include). */
uint64_t sw_hist_width(unsigned i);

/* Raises *max to v if v is larger; lock-free, and a plain load when it is not. */
void sw_max_update(_Atomic uint64_t *max, uint64_t v);

void sw_hist_clear(struct sw_histogram *h);

#endif
