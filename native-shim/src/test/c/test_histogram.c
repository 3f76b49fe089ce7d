/* Bucket math against the report contract's formula, at every bucket edge. */
#include <math.h>
#include <stdint.h>

#include "check.h"
#include "histogram.h"

/* The contract's formula, written the slow and obvious way (no clz) so that the
 * shim's version is checked against an independent reading of the text. */
static unsigned contract_index(uint64_t v) {
  if (v < 16)
    return (unsigned)v;
  unsigned e = 0;
  while (e < 63 && (v >> (e + 1)) != 0)
    e++;
  if (e > 47)
    return 719;
  unsigned m = (unsigned)((v >> (e - 4)) & 15);
  return 16 * (e - 3) + m;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t next_random(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static void small_values_have_a_bucket_each(void) {
  for (uint64_t v = 0; v < 16; v++) {
    CHECK_EQ_LONG(sw_hist_index(v), v);
    CHECK_EQ_LONG(sw_hist_lower((unsigned)v), v);
    CHECK_EQ_LONG(sw_hist_width((unsigned)v), 1);
  }
}

static void every_bucket_edge_maps_back_to_its_bucket(void) {
  for (unsigned i = 0; i < SW_HIST_BUCKETS; i++) {
    uint64_t lo = sw_hist_lower(i), w = sw_hist_width(i);
    CHECK_EQ_LONG(sw_hist_index(lo), i);
    CHECK_EQ_LONG(sw_hist_index(lo + w - 1), i);
    CHECK_EQ_LONG(contract_index(lo), i);
    CHECK_EQ_LONG(contract_index(lo + w - 1), i);
    if (i > 0) {
      CHECK_EQ_LONG(sw_hist_index(lo - 1), i - 1);
      /* Buckets tile the line: each starts where the previous one ends. */
      CHECK_EQ_LONG(sw_hist_lower(i - 1) + sw_hist_width(i - 1), lo);
    }
    if (i >= 16) {
      unsigned e = i / 16 + 3, m = i % 16;
      CHECK_EQ_LONG(w, 1ull << (e - 4));
      CHECK_EQ_LONG(lo, (16ull + m) << (e - 4));
      /* At most 1/16 of the lower bound wide: the midpoint is within 1/32 of any
       * value in the bucket, inside the contract's 5%. */
      CHECK(w * 16 <= lo);
      double mid = (double)lo + (double)w / 2;
      CHECK(fabs(mid - (double)lo) / (double)lo <= 1.0 / 32 + 1e-12);
      CHECK(fabs(mid - (double)(lo + w - 1)) / (double)(lo + w - 1) <= 1.0 / 32 + 1e-12);
    }
  }
}

static void the_last_bucket_takes_everything_above(void) {
  CHECK_EQ_LONG(sw_hist_lower(719), 31ull << 43);
  CHECK_EQ_LONG(sw_hist_index((1ull << 48) - 1), 719);
  CHECK_EQ_LONG(sw_hist_index(1ull << 48), 719);
  CHECK_EQ_LONG(sw_hist_index(UINT64_MAX), 719);
  CHECK_EQ_LONG(contract_index(UINT64_MAX), 719);
  for (unsigned e = 48; e < 64; e++)
    CHECK_EQ_LONG(sw_hist_index(1ull << e), 719);
}

static void random_values_agree_with_the_contract(void) {
  for (int n = 0; n < 1000000; n++) {
    /* Spread over all magnitudes, not just the huge ones. */
    uint64_t v = next_random() >> (next_random() % 64);
    unsigned i = sw_hist_index(v);
    if (i != contract_index(v)) {
      CHECK_EQ_LONG(i, contract_index(v));
      return;
    }
    CHECK(i < SW_HIST_BUCKETS);
    if (v < (1ull << 48)) {
      uint64_t lo = sw_hist_lower(i), w = sw_hist_width(i);
      if (!(lo <= v && v < lo + w)) {
        CHECK(lo <= v && v < lo + w);
        return;
      }
      if (v > 0) {
        double mid = (double)lo + (i < 16 ? 0 : (double)w / 2);
        if (fabs(mid - (double)v) / (double)v > 1.0 / 32 + 1e-12) {
          CHECK(!"midpoint error above 1/32");
          return;
        }
      }
    }
  }
}

static void index_never_decreases(void) {
  unsigned prev = 0;
  for (uint64_t v = 0; v < 200000; v++) {
    unsigned i = sw_hist_index(v);
    if (i < prev) {
      CHECK(i >= prev);
      return;
    }
    prev = i;
  }
  for (unsigned e = 17; e < 64; e++) {
    uint64_t a = (1ull << e) - 1, b = 1ull << e;
    CHECK(sw_hist_index(a) <= sw_hist_index(b));
  }
}

static void merging_is_adding_buckets(void) {
  static struct sw_histogram a, b, all;
  sw_hist_clear(&a);
  sw_hist_clear(&b);
  sw_hist_clear(&all);
  for (int n = 0; n < 10000; n++) {
    uint64_t v = next_random() >> (next_random() % 64);
    sw_hist_record(n % 3 ? &a : &b, v);
    sw_hist_record(&all, v);
  }
  uint64_t total = 0;
  for (unsigned i = 0; i < SW_HIST_BUCKETS; i++) {
    uint64_t merged = atomic_load(&a.buckets[i]) + atomic_load(&b.buckets[i]);
    CHECK_EQ_LONG(merged, atomic_load(&all.buckets[i]));
    total += merged;
  }
  CHECK_EQ_LONG(total, 10000);
}

static void max_update_keeps_the_largest(void) {
  _Atomic uint64_t max = 0;
  sw_max_update(&max, 5);
  sw_max_update(&max, 3);
  CHECK_EQ_LONG(atomic_load(&max), 5);
  sw_max_update(&max, UINT64_MAX);
  CHECK(atomic_load(&max) == UINT64_MAX);
}

int main(void) {
  RUN(small_values_have_a_bucket_each);
  RUN(every_bucket_edge_maps_back_to_its_bucket);
  RUN(the_last_bucket_takes_everything_above);
  RUN(random_values_agree_with_the_contract);
  RUN(index_never_decreases);
  RUN(merging_is_adding_buckets);
  RUN(max_update_keeps_the_largest);
  return finish_cases();
}
