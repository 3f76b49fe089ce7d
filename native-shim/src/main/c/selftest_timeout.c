/*
 * timeout-accuracy: how late select and poll return when nothing happens.
 * BitTorrent-like clients use the timeout as their clock tick (choking, keep-alives,
 * rate limits), so a late or early return shows up as stalls or busy loops.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "selftest.h"
#include "wrappers.h"

#define SW_TIMEOUT_CALLS 50
#define SW_TIMEOUT_MS 10
/*
 * Verdict bounds, far above a healthy Linux (tens of microseconds) so that a busy
 * machine passes, yet tight enough to catch a timer that ticks coarsely or is
 * broken: at p50, half a 10 ms timeout (a 16 or 32 ms tick fails); at p99, five
 * timeouts.
 */
#define SW_TIMEOUT_P50_MAX_NS 5000000u
#define SW_TIMEOUT_P99_MAX_NS 50000000u
/* The kernel's timer and our clock reads use the same clock; this only absorbs the
 * rounding of the two reads. Returning earlier than this is returning early. */
#define SW_TIMEOUT_EARLY_SLACK_NS 50000u
/* Stop there (the check's budget is 2.2 s), whatever the calls do. */
#define SW_TIMEOUT_TOTAL_MAX_NS 2000000000u
/* A call interrupted by a signal of the host is measured again, this often at most. */
#define SW_TIMEOUT_RETRIES 10

static int compare_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of n sorted values. */
static uint64_t percentile(const uint64_t *sorted, int n, int pct) {
  int rank = (pct * n + 99) / 100;
  return sorted[rank > 0 ? rank - 1 : 0];
}

/* One timed call of kind (0 select, 1 poll) on fd: its result, and its time in *ns. */
static int timed_call(int kind, int fd, struct sw_fdset *set, int timeout_ms, uint64_t *ns) {
  struct pollfd p = {.fd = fd, .events = POLLIN};
  struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  sw_fdset_zero(set);
  sw_fdset_set(set, fd);
  uint64_t t0 = sw_mono_ns();
  int r = kind == 0 ? sw_wrapped_select(fd + 1, sw_fdset_ptr(set), NULL, NULL, &tv)
                    : sw_wrapped_poll(&p, 1, timeout_ms);
  *ns = sw_mono_ns() - t0;
  return r;
}

void sw_timeout_core(struct sw_st *st, int fd, int calls, int timeout_ms) {
  static const char *const names[2] = {"select", "poll"};
  uint64_t *over = calloc((size_t)calls * 2, sizeof *over);
  struct sw_fdset set;
  if (over == NULL || sw_fdset_alloc(&set, fd + 1) != 0) {
    free(over);
    sw_st_set(st, SW_ST_SKIPPED, "out of memory");
    return;
  }
  const uint64_t want = (uint64_t)timeout_ms * 1000000u;
  const uint64_t start = sw_mono_ns();
  int early = 0, retries = 0, measured[2] = {0, 0};
  for (int kind = 0; kind < 2; kind++) {
    uint64_t *o = over + (size_t)kind * (size_t)calls;
    while (measured[kind] < calls) {
      if (sw_mono_ns() - start > SW_TIMEOUT_TOTAL_MAX_NS) {
        sw_st_set(st, SW_ST_FAIL,
                  "%d ms timeouts took too long: only %d select() and %d poll() calls in %u ms",
                  timeout_ms, measured[0], measured[1], SW_TIMEOUT_TOTAL_MAX_NS / 1000000u);
        goto out;
      }
      uint64_t ns;
      int r = timed_call(kind, fd, &set, timeout_ms, &ns);
      if (r < 0 && errno == EINTR && retries++ < SW_TIMEOUT_RETRIES)
        continue;
      if (r != 0) {
        char e[16];
        if (r > 0)
          sw_st_set(st, SW_ST_FAIL, "%s() reported an idle socket ready after %lld us", names[kind],
                    sw_st_us(ns));
        else
          sw_st_set(st, SW_ST_FAIL, "%s() with a %d ms timeout failed: %s", names[kind], timeout_ms,
                    sw_st_errno(errno, e, sizeof e));
        goto out;
      }
      if (ns + SW_TIMEOUT_EARLY_SLACK_NS < want)
        early++;
      o[measured[kind]++] = ns > want ? ns - want : 0;
    }
    qsort(o, (size_t)calls, sizeof *o, compare_u64);
  }

  uint64_t p50[2], p99[2];
  for (int kind = 0; kind < 2; kind++) {
    const uint64_t *o = over + (size_t)kind * (size_t)calls;
    p50[kind] = percentile(o, calls, 50);
    p99[kind] = percentile(o, calls, 99);
  }
  sw_st_value(st, "selectOvershootP50Us", (double)p50[0] / 1000.0);
  sw_st_value(st, "selectOvershootP99Us", (double)p99[0] / 1000.0);
  sw_st_value(st, "selectOvershootMaxUs", (double)over[calls - 1] / 1000.0);
  sw_st_value(st, "pollOvershootP50Us", (double)p50[1] / 1000.0);
  sw_st_value(st, "pollOvershootP99Us", (double)p99[1] / 1000.0);
  sw_st_value(st, "pollOvershootMaxUs", (double)over[2 * calls - 1] / 1000.0);
  sw_st_value(st, "timeoutMs", timeout_ms);
  sw_st_value(st, "callsPerKind", calls);
  sw_st_value(st, "earlyReturns", early);

  int worst = p99[1] > p99[0];
  if (early > 0) {
    sw_st_set(st, SW_ST_FAIL, "%d of %d calls with a %d ms timeout returned early", early,
              2 * calls, timeout_ms);
  } else if (p50[0] > SW_TIMEOUT_P50_MAX_NS || p50[1] > SW_TIMEOUT_P50_MAX_NS) {
    int k = p50[1] > p50[0];
    sw_st_set(st, SW_ST_FAIL, "%d ms timeouts overshoot by %lld us at p50 with %s() (limit %u us)",
              timeout_ms, sw_st_us(p50[k]), names[k], SW_TIMEOUT_P50_MAX_NS / 1000u);
  } else if (p99[worst] > SW_TIMEOUT_P99_MAX_NS) {
    sw_st_set(st, SW_ST_FAIL, "%d ms timeouts overshoot by %lld us at p99 with %s() (limit %u us)",
              timeout_ms, sw_st_us(p99[worst]), names[worst], SW_TIMEOUT_P99_MAX_NS / 1000u);
  } else {
    sw_st_set(st, SW_ST_PASS,
              "%d ms timeouts overshoot by %lld us at p50, %lld us at p99 with select(); "
              "%lld us and %lld us with poll() (%d calls each)",
              timeout_ms, sw_st_us(p50[0]), sw_st_us(p99[0]), sw_st_us(p50[1]), sw_st_us(p99[1]),
              calls);
  }
out:
  sw_fdset_free(&set);
  free(over);
}

void sw_check_timeout_accuracy(struct sw_st *st) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    char e[16];
    sw_st_set(st, SW_ST_SKIPPED, "no socket pair could be made: %s",
              sw_st_errno(errno, e, sizeof e));
    return;
  }
  sw_timeout_core(st, sv[1], SW_TIMEOUT_CALLS, SW_TIMEOUT_MS);
  sw_st_close_all(sv, 2);
}
