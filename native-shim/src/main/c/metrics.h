/*
 * Per call kind counters: what the snapshot reports under "calls".
 *
 * The recording path must stay within a few nanoseconds next to the two clock reads,
 * so a typical call costs exactly one atomic addition: the latency histogram is kept
 * split by result class and by "zero timeout or not", and the count, the results by
 * class, the zero-timeout counter and the reported latency histogram are all sums of
 * those eight histograms, computed when a snapshot is taken. That also makes every
 * snapshot internally consistent: count always equals the sum of the results and the
 * latency histogram's total.
 */
#ifndef SW_METRICS_H
#define SW_METRICS_H

#include <stdatomic.h>
#include <stdint.h>
#include <sys/select.h>

#include "histogram.h"

enum sw_kind { SW_SELECT, SW_PSELECT, SW_POLL, SW_PPOLL, SW_EPOLL_WAIT, SW_EPOLL_PWAIT, SW_KINDS };

enum sw_result { SW_READY, SW_TIMEOUT, SW_INTERRUPTED, SW_ERROR, SW_RESULTS };

/* Linux errno values end at 133 (EHWPOISON); one slot per value, larger ones share
 * the last slot so that a strange errno is still counted as an error. */
#define SW_ERRNO_SLOTS 256

/* Requested timeouts in nanoseconds: -1 waits forever; SW_TIMEOUT_INVALID marks a
 * negative select/pselect/ppoll timeout, which the call rejects with EINVAL. */
#define SW_TIMEOUT_INFINITE (-1)
#define SW_TIMEOUT_INVALID INT64_MIN

struct sw_call_metrics {
  /* Read by every call: kept together at the front, in one cache line. */
  _Atomic uint64_t latency_max;
  _Atomic uint64_t max_nfds;
  /* Monotonic time before which no call of this kind is sampled for non-socket
   * descriptors; the thread that moves it forward does the sampling. */
  _Atomic uint64_t next_sample_ns;
  _Atomic uint64_t overshoot_max;
  _Atomic uint64_t fd_above_setsize;
  _Atomic uint64_t non_socket_fds;
  struct sw_histogram latency[SW_RESULTS][2]; /* [class][timeout == 0] */
  struct sw_histogram overshoot;
  _Atomic uint64_t errors[SW_ERRNO_SLOTS];
} __attribute__((aligned(64)));

extern struct sw_call_metrics sw_metrics[SW_KINDS];

/* One finished call, as the wrappers describe it to the metrics and the ring. */
struct sw_call {
  uint64_t nfds;
  int64_t timeout_ns;
  uint64_t latency_ns;
  int result;
  int err; /* errno when result is -1, else 0 */
  enum sw_kind kind;
};

static inline __attribute__((always_inline)) enum sw_result sw_result_class(int result, int err) {
  if (result > 0)
    return SW_READY;
  if (result == 0)
    return SW_TIMEOUT;
  return err == 4 /* EINTR */ ? SW_INTERRUPTED : SW_ERROR;
}

static inline __attribute__((always_inline)) void sw_metrics_record(const struct sw_call *c) {
  struct sw_call_metrics *m = &sw_metrics[c->kind];
  enum sw_result cls = sw_result_class(c->result, c->err);
  if (c->latency_ns > atomic_load_explicit(&m->latency_max, memory_order_relaxed))
    sw_max_update(&m->latency_max, c->latency_ns);
  if (c->nfds > atomic_load_explicit(&m->max_nfds, memory_order_relaxed))
    sw_max_update(&m->max_nfds, c->nfds);
  if (__builtin_expect(cls == SW_TIMEOUT && c->timeout_ns >= 0, 0)) {
    uint64_t want = (uint64_t)c->timeout_ns;
    uint64_t over = c->latency_ns > want ? c->latency_ns - want : 0;
    sw_hist_record(&m->overshoot, over);
    sw_max_update(&m->overshoot_max, over);
  }
  if (__builtin_expect(cls == SW_ERROR, 0)) {
    unsigned slot = c->err > 0 && c->err < SW_ERRNO_SLOTS ? (unsigned)c->err : SW_ERRNO_SLOTS - 1;
    atomic_fetch_add_explicit(&m->errors[slot], 1, memory_order_relaxed);
  }
  if (__builtin_expect((c->kind == SW_SELECT || c->kind == SW_PSELECT) && c->nfds > FD_SETSIZE, 0))
    atomic_fetch_add_explicit(&m->fd_above_setsize, 1, memory_order_relaxed);
  /* Last, see finish() in wrappers.c. */
  sw_hist_record(&m->latency[cls][c->timeout_ns == 0], c->latency_ns);
}

/* Name of a call kind as the contract spells it. */
const char *sw_kind_name(enum sw_kind kind);

/* Name of an errno value ("EBADF"), or NULL when it has none; safe in a signal
 * handler once sw_errno_names_init() has run. */
const char *sw_errno_name(int err);
void sw_errno_names_init(void);

/* Sets every counter of every kind to zero. */
void sw_metrics_clear(void);

/* 1 when any call has been recorded since start, fork or reset. Async-signal-safe. */
int sw_has_calls(void);

/* Totals of one kind, read once so that they agree with each other. */
struct sw_kind_totals {
  uint64_t results[SW_RESULTS];
  uint64_t count;
  uint64_t zero_timeout;
  uint64_t latency[SW_HIST_BUCKETS];
  uint64_t overshoot[SW_HIST_BUCKETS];
  uint64_t overshoot_count;
};
void sw_metrics_totals(enum sw_kind kind, struct sw_kind_totals *out);

#endif
