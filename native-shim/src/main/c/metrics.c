#include "metrics.h"

#include <string.h>

struct sw_call_metrics sw_metrics[SW_KINDS];

static const char *const kind_names[SW_KINDS] = {
    [SW_SELECT] = "select", [SW_PSELECT] = "pselect",       [SW_POLL] = "poll",
    [SW_PPOLL] = "ppoll",   [SW_EPOLL_WAIT] = "epoll_wait", [SW_EPOLL_PWAIT] = "epoll_pwait",
};

const char *sw_kind_name(enum sw_kind kind) {
  return (unsigned)kind < SW_KINDS ? kind_names[kind] : "unknown";
}

/* glibc's names, looked up once at start-up: strerrorname_np is a table lookup, but
 * it is not documented as async-signal-safe, and the trap handler needs the names. */
static const char *errno_names[SW_ERRNO_SLOTS];

void sw_errno_names_init(void) {
  for (int e = 1; e < SW_ERRNO_SLOTS; e++)
    errno_names[e] = strerrorname_np(e);
}

const char *sw_errno_name(int err) {
  return err > 0 && err < SW_ERRNO_SLOTS ? errno_names[err] : NULL;
}

void sw_metrics_clear(void) {
  for (int k = 0; k < SW_KINDS; k++) {
    struct sw_call_metrics *m = &sw_metrics[k];
    for (int c = 0; c < SW_RESULTS; c++) {
      sw_hist_clear(&m->latency[c][0]);
      sw_hist_clear(&m->latency[c][1]);
    }
    sw_hist_clear(&m->overshoot);
    atomic_store_explicit(&m->latency_max, 0, memory_order_relaxed);
    atomic_store_explicit(&m->overshoot_max, 0, memory_order_relaxed);
    for (int e = 0; e < SW_ERRNO_SLOTS; e++)
      atomic_store_explicit(&m->errors[e], 0, memory_order_relaxed);
    atomic_store_explicit(&m->fd_above_setsize, 0, memory_order_relaxed);
    atomic_store_explicit(&m->non_socket_fds, 0, memory_order_relaxed);
    atomic_store_explicit(&m->max_nfds, 0, memory_order_relaxed);
    atomic_store_explicit(&m->next_sample_ns, 0, memory_order_relaxed);
  }
}

void sw_metrics_totals(enum sw_kind kind, struct sw_kind_totals *out) {
  struct sw_call_metrics *m = &sw_metrics[kind];
  memset(out, 0, sizeof *out);
  for (int c = 0; c < SW_RESULTS; c++) {
    for (int z = 0; z < 2; z++) {
      for (unsigned i = 0; i < SW_HIST_BUCKETS; i++) {
        uint64_t n = atomic_load_explicit(&m->latency[c][z].buckets[i], memory_order_relaxed);
        if (n == 0)
          continue;
        out->latency[i] += n;
        out->results[c] += n;
        if (z)
          out->zero_timeout += n;
      }
    }
    out->count += out->results[c];
  }
  for (unsigned i = 0; i < SW_HIST_BUCKETS; i++) {
    out->overshoot[i] = atomic_load_explicit(&m->overshoot.buckets[i], memory_order_relaxed);
    out->overshoot_count += out->overshoot[i];
  }
}

int sw_has_calls(void) {
  for (int k = 0; k < SW_KINDS; k++)
    for (int c = 0; c < SW_RESULTS; c++)
      for (int z = 0; z < 2; z++)
        for (unsigned i = 0; i < SW_HIST_BUCKETS; i++)
          if (atomic_load_explicit(&sw_metrics[k].latency[c][z].buckets[i], memory_order_relaxed))
            return 1;
  return 0;
}
