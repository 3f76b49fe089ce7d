#include "snapshot.h"

#include <errno.h>
#include <stdlib.h>

#include "clock.h"
#include "config.h"
#include "shimwatch.h"
#include "state.h"

static void put_histogram(struct sw_sink *s, const char *key, const uint64_t *buckets,
                          uint64_t max_ns) {
  sw_put(s, ",", 1);
  sw_put_key(s, key);
  sw_puts(s, "{\"buckets\":{");
  int first = 1;
  for (unsigned i = 0; i < SW_HIST_BUCKETS; i++) {
    if (buckets[i] == 0)
      continue;
    sw_puts(s, first ? "\"" : ",\"");
    sw_put_u64(s, i);
    sw_put(s, "\":", 2);
    sw_put_u64(s, buckets[i]);
    first = 0;
  }
  sw_puts(s, "},\"maxNs\":");
  sw_put_u64(s, max_ns);
  sw_put(s, "}", 1);
}

static void put_errors(struct sw_sink *s, struct sw_call_metrics *m) {
  int first = 1;
  for (int e = 1; e < SW_ERRNO_SLOTS; e++) {
    uint64_t n = atomic_load_explicit(&m->errors[e], memory_order_relaxed);
    if (n == 0)
      continue;
    sw_puts(s, first ? ",\"errors\":{" : ",");
    const char *name = sw_errno_name(e);
    if (name != NULL && e < SW_ERRNO_SLOTS - 1) {
      sw_put_str(s, name);
    } else {
      /* No name (or the shared overflow slot): "E<number>" still fits the contract. */
      sw_puts(s, "\"E");
      sw_put_u64(s, (uint64_t)e);
      sw_put(s, "\"", 1);
    }
    sw_put(s, ":", 1);
    sw_put_u64(s, n);
    first = 0;
  }
  if (!first)
    sw_put(s, "}", 1);
}

static void put_kind(struct sw_sink *s, enum sw_kind k, const struct sw_kind_totals *t) {
  struct sw_call_metrics *m = &sw_metrics[k];
  sw_put_key(s, sw_kind_name(k));
  sw_puts(s, "{\"count\":");
  sw_put_u64(s, t->count);
  sw_puts(s, ",\"results\":{\"ready\":");
  sw_put_u64(s, t->results[SW_READY]);
  sw_puts(s, ",\"timeout\":");
  sw_put_u64(s, t->results[SW_TIMEOUT]);
  sw_puts(s, ",\"interrupted\":");
  sw_put_u64(s, t->results[SW_INTERRUPTED]);
  sw_puts(s, ",\"error\":");
  sw_put_u64(s, t->results[SW_ERROR]);
  sw_put(s, "}", 1);
  put_errors(s, m);
  put_histogram(s, "latency", t->latency,
                atomic_load_explicit(&m->latency_max, memory_order_relaxed));
  if (t->overshoot_count > 0)
    put_histogram(s, "timeoutOvershoot", t->overshoot,
                  atomic_load_explicit(&m->overshoot_max, memory_order_relaxed));
  sw_puts(s, ",\"anomalies\":{\"fdAboveSetsize\":");
  sw_put_u64(s, atomic_load_explicit(&m->fd_above_setsize, memory_order_relaxed));
  sw_puts(s, ",\"nonSocketFds\":");
  sw_put_u64(s, atomic_load_explicit(&m->non_socket_fds, memory_order_relaxed));
  sw_puts(s, ",\"zeroTimeoutCalls\":");
  sw_put_u64(s, t->zero_timeout);
  sw_puts(s, ",\"maxNfds\":");
  sw_put_u64(s, atomic_load_explicit(&m->max_nfds, memory_order_relaxed));
  sw_puts(s, "}}");
}

void sw_snapshot_write(struct sw_sink *s, struct sw_kind_totals *scratch) {
  uint64_t now_mono = sw_mono_ns();
  uint64_t since = atomic_load_explicit(&sw_state.period_start_mono_ns, memory_order_relaxed);
  sw_puts(s, "{\"format\":\"shimwatch-snapshot\",\"formatVersion\":1,\"shimVersion\":");
  sw_put_str(s, shimwatch_version());
  sw_puts(s, ",\"pid\":");
  sw_put_u64(s, (uint64_t)sw_state.pid);
  sw_puts(s, ",\"startedAtMs\":");
  sw_put_u64(s, sw_state.started_wall_ms);
  sw_puts(s, ",\"writtenAtMs\":");
  sw_put_u64(s, sw_wall_ms());
  sw_puts(s, ",\"durationMs\":");
  sw_put_u64(s, now_mono > since ? (now_mono - since) / 1000000u : 0);
  sw_puts(s, ",\"exe\":");
  sw_put_str(s, sw_config.exe);
  sw_puts(s, ",\"calls\":{");
  int first = 1;
  if (atomic_load_explicit(&sw_state.active, memory_order_acquire)) {
    for (int k = 0; k < SW_KINDS; k++) {
      sw_metrics_totals((enum sw_kind)k, scratch);
      if (scratch->count == 0)
        continue;
      if (!first)
        sw_put(s, ",", 1);
      put_kind(s, (enum sw_kind)k, scratch);
      first = 0;
    }
  }
  sw_puts(s, "}}");
}

__attribute__((visibility("default"))) long shimwatch_snapshot(char *buf, size_t len) {
  if (buf == NULL && len != 0) {
    errno = EINVAL;
    return -1;
  }
  /* ~12 KiB: too much for the stack of an arbitrary caller thread (JNA callers
   * included), and the API is not on any hot path. */
  struct sw_kind_totals *scratch = malloc(sizeof *scratch);
  if (scratch == NULL) {
    errno = ENOMEM;
    return -1;
  }
  struct sw_sink s;
  sw_sink_buffer(&s, buf, len > 0 ? len - 1 : 0);
  sw_snapshot_write(&s, scratch);
  free(scratch);
  if (len > 0)
    buf[s.len < len - 1 ? s.len : len - 1] = '\0';
  return (long)s.len;
}

__attribute__((visibility("default"))) void shimwatch_reset(void) {
  sw_metrics_clear();
  atomic_store_explicit(&sw_state.period_start_mono_ns, sw_mono_ns(), memory_order_relaxed);
}
