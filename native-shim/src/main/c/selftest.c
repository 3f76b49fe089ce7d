/*
 * The self-test API: the table of checks, running one, and the result's JSON form;
 * plus the helpers the checks share.
 */
#include "selftest.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "json.h"
#include "shimwatch.h"
#include "wrappers.h"

#define SW_EXPORT __attribute__((visibility("default")))

struct check {
  const char *id;
  const char *title;
  /* Longest the check takes when every wait in it runs to its timeout, with some
   * margin. The budgets add up to 12.2 s: the battery fits the 15 s the diagnostics
   * issue allows even when everything times out. */
  int budget_ms;
  void (*run)(struct sw_st *st);
};

static const struct check checks[] = {
    {"select-readiness", "pending data on a socket pair is reported readable at once", 500,
     sw_check_select_readiness},
    {"timeout-accuracy", "select and poll time out on time on an idle socket", 2200,
     sw_check_timeout_accuracy},
    {"nonblocking-connect", "a non-blocking connect to a loopback listener becomes writable", 1600,
     sw_check_nonblocking_connect},
    {"many-descriptors", "256 sockets: exactly the readable ones are reported", 500,
     sw_check_many_descriptors},
    {"select-fd-setsize", "select on a descriptor at or above FD_SETSIZE is counted, no harm done",
     500, sw_check_select_fd_setsize},
    {"select-non-socket", "select on a regular file, a pipe and a tty", 700,
     sw_check_select_non_socket},
    {"fork-inheritance", "a forked child uses its parent's socket", 1600,
     sw_check_fork_inheritance},
    {"select-eintr", "a signal interrupts a blocking select with EINTR", 1100,
     sw_check_select_eintr},
    {"bittorrent-stress", "2 threads, 64 socket pairs: every byte sent is seen readable", 3500,
     sw_check_bittorrent_stress},
};

#define CHECK_COUNT ((int)(sizeof checks / sizeof checks[0]))

SW_EXPORT int shimwatch_selftest_count(void) {
  return CHECK_COUNT;
}

SW_EXPORT const char *shimwatch_selftest_id(int i) {
  return i >= 0 && i < CHECK_COUNT ? checks[i].id : NULL;
}

SW_EXPORT const char *shimwatch_selftest_title(int i) {
  return i >= 0 && i < CHECK_COUNT ? checks[i].title : NULL;
}

SW_EXPORT int shimwatch_selftest_budget_ms(int i) {
  return i >= 0 && i < CHECK_COUNT ? checks[i].budget_ms : -1;
}

/* Checks change process-wide state for a moment (a signal disposition, the descriptor
 * limit), so two of them never run at once. */
static pthread_mutex_t run_lock = PTHREAD_MUTEX_INITIALIZER;

SW_EXPORT int shimwatch_selftest_run(int i, char *buf, size_t len) {
  if (i < 0 || i >= CHECK_COUNT || (buf == NULL && len != 0)) {
    errno = EINVAL;
    return -1;
  }
  int saved = errno;
  /* The result is small, but a caller's thread (a JVM's, say) may have little stack,
   * and the stress check keeps its own state on the heap for the same reason. */
  struct sw_st *st = malloc(sizeof *st);
  if (st == NULL) {
    errno = ENOMEM;
    return -1;
  }
  sw_st_init(st);
  pthread_mutex_lock(&run_lock);
  uint64_t t0 = sw_mono_ns();
  checks[i].run(st);
  uint64_t t1 = sw_mono_ns();
  pthread_mutex_unlock(&run_lock);
  int n = sw_st_json(st, checks[i].id, (t1 - t0) / 1000000u, buf, len);
  free(st);
  errno = saved;
  return n;
}

/* ---- results ---- */

void sw_st_init(struct sw_st *st) {
  memset(st, 0, sizeof *st);
  st->result = SW_ST_FAIL;
  snprintf(st->summary, sizeof st->summary, "the check did not finish");
}

void sw_st_set(struct sw_st *st, enum sw_st_result result, const char *fmt, ...) {
  st->result = result;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(st->summary, sizeof st->summary, fmt, ap);
  va_end(ap);
}

static int valid_name(const char *name) {
  size_t n = strlen(name);
  if (n == 0 || n > SW_ST_NAME_MAX)
    return 0;
  for (size_t i = 0; i < n; i++) {
    char c = name[i];
    int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
      return 0;
  }
  return 1;
}

void sw_st_value(struct sw_st *st, const char *name, double value) {
  if (!valid_name(name) || !isfinite(value) || fabs(value) >= SW_ST_VALUE_LIMIT)
    return;
  for (int i = 0; i < st->nvalues; i++) {
    if (strcmp(st->values[i].name, name) == 0) {
      st->values[i].value = value;
      return;
    }
  }
  if (st->nvalues == SW_ST_VALUES_MAX)
    return;
  struct sw_st_value *v = &st->values[st->nvalues++];
  memcpy(v->name, name, strlen(name) + 1);
  v->value = value;
}

const char *sw_st_result_name(enum sw_st_result result) {
  switch (result) {
  case SW_ST_PASS:
    return "pass";
  case SW_ST_KNOWN_LIMITATION:
    return "known-limitation";
  case SW_ST_SKIPPED:
    return "skipped";
  case SW_ST_FAIL:
  default:
    return "fail";
  }
}

/*
 * A number with up to three decimals, trailing zeros dropped. Written by hand: printf's
 * %f follows LC_NUMERIC, and a host process (a JVM, a client) may have set a locale
 * whose decimal separator is a comma, which is not JSON.
 */
static void put_number(struct sw_sink *s, double v) {
  if (v < 0) {
    sw_put(s, "-", 1);
    v = -v;
  }
  /* From 2^53 on, doubles are whole numbers; below SW_ST_VALUE_LIMIT they fit a u64. */
  if (v >= 9007199254740992.0) {
    sw_put_u64(s, (uint64_t)v);
    return;
  }
  uint64_t milli = (uint64_t)(v * 1000.0 + 0.5);
  sw_put_u64(s, milli / 1000);
  unsigned frac = (unsigned)(milli % 1000);
  if (frac == 0)
    return;
  char d[4] = {'.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10),
               (char)('0' + frac % 10)};
  size_t n = 4;
  while (d[n - 1] == '0')
    n--;
  sw_put(s, d, n);
}

int sw_st_json(const struct sw_st *st, const char *id, uint64_t duration_ms, char *buf,
               size_t len) {
  struct sw_sink s;
  sw_sink_buffer(&s, buf, len > 0 ? len - 1 : 0);
  sw_puts(&s, "{\"id\":");
  sw_put_str(&s, id);
  sw_puts(&s, ",\"result\":\"");
  sw_puts(&s, sw_st_result_name(st->result));
  sw_puts(&s, "\",\"summary\":");
  sw_put_str(&s, st->summary);
  sw_puts(&s, ",\"durationMs\":");
  sw_put_u64(&s, duration_ms);
  sw_puts(&s, ",\"values\":{");
  for (int i = 0; i < st->nvalues; i++) {
    if (i > 0)
      sw_put(&s, ",", 1);
    sw_put_key(&s, st->values[i].name);
    put_number(&s, st->values[i].value);
  }
  sw_puts(&s, "}}");
  if (len > 0)
    buf[s.len < len - 1 ? s.len : len - 1] = '\0';
  return (int)s.len;
}

const char *sw_st_errno(int err, char *buf, size_t len) {
  const char *name = strerrorname_np(err);
  if (name != NULL)
    return name;
  snprintf(buf, len, "E%d", err);
  return buf;
}

long long sw_st_us(uint64_t ns) {
  return (long long)((ns + 500) / 1000);
}

/* ---- descriptor sets ---- */

int sw_fdset_alloc(struct sw_fdset *s, int nfds) {
  size_t bits = nfds > 0 ? (size_t)nfds : 1;
  s->nwords = (bits + NFDBITS - 1) / NFDBITS;
  /* Never smaller than an fd_set, so that code reading FD_SETSIZE bits stays inside. */
  size_t min_words = sizeof(fd_set) / sizeof(fd_mask);
  if (s->nwords < min_words)
    s->nwords = min_words;
  s->words = calloc(s->nwords, sizeof(fd_mask));
  if (s->words == NULL) {
    errno = ENOMEM;
    return -1;
  }
  return 0;
}

void sw_fdset_free(struct sw_fdset *s) {
  free(s->words);
  s->words = NULL;
  s->nwords = 0;
}

void sw_fdset_zero(struct sw_fdset *s) {
  memset(s->words, 0, s->nwords * sizeof(fd_mask));
}

/* By hand: FD_SET on a descriptor >= FD_SETSIZE aborts in a _FORTIFY_SOURCE build. */
void sw_fdset_set(struct sw_fdset *s, int fd) {
  s->words[(size_t)fd / NFDBITS] |= (fd_mask)((unsigned long)1 << ((size_t)fd % NFDBITS));
}

int sw_fdset_isset(const struct sw_fdset *s, int fd) {
  return (s->words[(size_t)fd / NFDBITS] & (fd_mask)((unsigned long)1 << ((size_t)fd % NFDBITS))) !=
         0;
}

/* ---- one descriptor, one call ---- */

int sw_st_select_one(int fd, int for_write, int timeout_ms, int via) {
  struct sw_fdset set;
  if (sw_fdset_alloc(&set, fd + 1) != 0)
    return -ENOMEM;
  int r = -EINTR;
  for (int attempt = 0; attempt < 3 && r == -EINTR; attempt++) {
    sw_fdset_zero(&set);
    sw_fdset_set(&set, fd);
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    fd_set *p = sw_fdset_ptr(&set);
    int n = via == SW_VIA_NEXT
                ? sw_next_select(fd + 1, for_write ? NULL : p, for_write ? p : NULL, NULL, &tv)
                : sw_wrapped_select(fd + 1, for_write ? NULL : p, for_write ? p : NULL, NULL, &tv);
    r = n < 0 ? -errno : n > 0 && sw_fdset_isset(&set, fd);
  }
  sw_fdset_free(&set);
  return r;
}

int sw_st_poll_one(int fd, int for_write, int timeout_ms, int via) {
  int r = -EINTR;
  for (int attempt = 0; attempt < 3 && r == -EINTR; attempt++) {
    struct pollfd p = {.fd = fd, .events = for_write ? POLLOUT : POLLIN};
    int n =
        via == SW_VIA_NEXT ? sw_next_poll(&p, 1, timeout_ms) : sw_wrapped_poll(&p, 1, timeout_ms);
    if (n < 0)
      r = -errno;
    else if (p.revents & POLLNVAL)
      r = -EBADF;
    else
      /* select reports a descriptor with an error or a hang-up as ready, too. */
      r = n > 0 && (p.revents & (p.events | POLLERR | POLLHUP)) != 0;
  }
  return r;
}

/* ---- descriptor limit ---- */

int sw_st_nofile_at_least(rlim_t want, struct rlimit *saved) {
  if (getrlimit(RLIMIT_NOFILE, saved) != 0)
    return -1;
  if (saved->rlim_cur == RLIM_INFINITY || saved->rlim_cur >= want)
    return 0;
  if (saved->rlim_max != RLIM_INFINITY && saved->rlim_max < want)
    return -1;
  struct rlimit raised = {.rlim_cur = want, .rlim_max = saved->rlim_max};
  return setrlimit(RLIMIT_NOFILE, &raised) == 0 ? 1 : -1;
}

void sw_st_nofile_restore(const struct rlimit *saved) {
  setrlimit(RLIMIT_NOFILE, saved);
}

void sw_st_close_all(int *fds, int n) {
  for (int i = 0; i < n; i++) {
    if (fds[i] >= 0)
      close(fds[i]);
    fds[i] = -1;
  }
}
