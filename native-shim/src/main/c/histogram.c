#include "histogram.h"

uint64_t sw_hist_lower(unsigned i) {
  if (i < 16)
    return i;
  unsigned e = i / 16 + 3, m = i % 16;
  return (uint64_t)(16 + m) << (e - 4);
}

uint64_t sw_hist_width(unsigned i) {
  if (i < 16)
    return 1;
  return (uint64_t)1 << (i / 16 + 3 - 4);
}

void sw_max_update(_Atomic uint64_t *max, uint64_t v) {
  uint64_t cur = atomic_load_explicit(max, memory_order_relaxed);
  while (v > cur && !atomic_compare_exchange_weak_explicit(max, &cur, v, memory_order_relaxed,
                                                           memory_order_relaxed)) {
  }
}

void sw_hist_clear(struct sw_histogram *h) {
  for (unsigned i = 0; i < SW_HIST_BUCKETS; i++)
    atomic_store_explicit(&h->buckets[i], 0, memory_order_relaxed);
}
