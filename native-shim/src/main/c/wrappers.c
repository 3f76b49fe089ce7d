/*
 * The interposed functions. Each one forwards to the next definition and, while the
 * shim is active, times the call and records it:
 *
 *   - before: one clock read, plus reading the timeout the call itself will read
 *     (glibc dereferences select's timeval and pselect's/ppoll's timespec in user
 *     space too, so a bad pointer faults there either way);
 *   - after: one clock read, one atomic addition, the ring entry, and two compares
 *     against deadlines (non-socket sampling, periodic flush).
 *
 * Descriptor sets and pollfd arrays are never read before the call: the kernel
 * validates them (EFAULT) and the shim must not fault where the call would not.
 * On success the hot path does not touch errno at all (the clock reads never fail);
 * on failure errno is read right after the call and set again before returning. The
 * slow paths that make system calls (sampling, periodic flush) save and restore it.
 */
#include "wrappers.h"

#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include "clock.h"
#include "metrics.h"
#include "ring.h"
#include "spool.h"

#define SW_EXPORT __attribute__((visibility("default")))

/* Sampling for non-socket descriptors: at most one call per kind per interval, and at
 * most this many descriptors examined in it, so the fstat cost is bounded no matter
 * how often or how widely the client polls. */
#define SW_SAMPLE_INTERVAL_NS 10000000u
#define SW_SAMPLE_MAX_FDS 64

typedef int (*select_fn)(int, fd_set *, fd_set *, fd_set *, struct timeval *);
typedef int (*pselect_fn)(int, fd_set *, fd_set *, fd_set *, const struct timespec *,
                          const sigset_t *);
typedef int (*poll_fn)(struct pollfd *, nfds_t, int);
typedef int (*ppoll_fn)(struct pollfd *, nfds_t, const struct timespec *, const sigset_t *);
typedef int (*epoll_wait_fn)(int, struct epoll_event *, int, int);
typedef int (*epoll_pwait_fn)(int, struct epoll_event *, int, int, const sigset_t *);
typedef int (*poll_chk_fn)(struct pollfd *, nfds_t, int, size_t);
typedef int (*ppoll_chk_fn)(struct pollfd *, nfds_t, const struct timespec *, const sigset_t *,
                            size_t);

enum real_id {
  R_SELECT,
  R_PSELECT,
  R_POLL,
  R_PPOLL,
  R_EPOLL_WAIT,
  R_EPOLL_PWAIT,
  R_POLL_CHK,
  R_PPOLL_CHK,
  R_COUNT
};

static const char *const real_names[R_COUNT] = {
    "select", "pselect", "poll", "ppoll", "epoll_wait", "epoll_pwait", "__poll_chk", "__ppoll_chk",
};

static void *_Atomic real_fns[R_COUNT];

/* Slow path: the first call before initialisation. Concurrent resolutions store the
 * same pointer, so the race is harmless. */
static __attribute__((noinline)) void *resolve(enum real_id id) {
  void *fn = dlsym(RTLD_NEXT, real_names[id]);
  if (fn != NULL)
    atomic_store_explicit(&real_fns[id], fn, memory_order_relaxed);
  return fn;
}

static inline void *real(enum real_id id) {
  void *fn = atomic_load_explicit(&real_fns[id], memory_order_relaxed);
  return __builtin_expect(fn != NULL, 1) ? fn : resolve(id);
}

void sw_wrappers_init(void) {
  for (int i = 0; i < R_COUNT; i++)
    if (atomic_load_explicit(&real_fns[i], memory_order_relaxed) == NULL)
      resolve((enum real_id)i);
}

static inline __attribute__((always_inline)) struct sw_thread *enter(void) {
  return sw_thread_enter();
}

static inline int sample_due(enum sw_kind kind, uint64_t now) {
  _Atomic uint64_t *next = &sw_metrics[kind].next_sample_ns;
  uint64_t due = atomic_load_explicit(next, memory_order_relaxed);
  if (__builtin_expect(now < due, 1))
    return 0;
  return atomic_compare_exchange_strong_explicit(next, &due, now + SW_SAMPLE_INTERVAL_NS,
                                                 memory_order_relaxed, memory_order_relaxed);
}

static int is_socket(int fd) {
  struct stat st;
  /* A descriptor that cannot be examined (closed meanwhile) is not counted. */
  return fstat(fd, &st) != 0 || S_ISSOCK(st.st_mode);
}

static void note_non_socket(enum sw_kind kind) {
  atomic_fetch_add_explicit(&sw_metrics[kind].non_socket_fds, 1, memory_order_relaxed);
}

static void sample_pollfds(enum sw_kind kind, const struct pollfd *fds, nfds_t nfds) {
  int saved = errno;
  unsigned examined = 0;
  for (nfds_t i = 0; i < nfds && examined < SW_SAMPLE_MAX_FDS; i++) {
    if (fds[i].fd < 0 || (fds[i].revents & POLLNVAL))
      continue;
    examined++;
    if (!is_socket(fds[i].fd)) {
      note_non_socket(kind);
      break;
    }
  }
  errno = saved;
}

/*
 * Copies of the descriptor sets of a sampled select, taken before the call (which
 * overwrites them). The copy goes through process_vm_readv on our own pid so that a
 * bad pointer yields EFAULT instead of a fault; the caller's call then fails with
 * EFAULT as it would have, and the sample is dropped.
 */
struct select_sample {
  int ok;
  int nfds;
  fd_set sets[3];
};

static void select_sample_take(struct select_sample *smp, int nfds, fd_set *r, fd_set *w,
                               fd_set *e) {
  smp->ok = 0;
  if (nfds <= 0)
    return;
  smp->nfds = nfds < FD_SETSIZE ? nfds : FD_SETSIZE;
  size_t bytes = ((size_t)smp->nfds + 7) / 8;
  fd_set *src[3] = {r, w, e};
  struct iovec local[3], remote[3];
  int n = 0;
  for (int i = 0; i < 3; i++) {
    FD_ZERO(&smp->sets[i]);
    if (src[i] == NULL)
      continue;
    local[n] = (struct iovec){.iov_base = &smp->sets[i], .iov_len = bytes};
    remote[n] = (struct iovec){.iov_base = src[i], .iov_len = bytes};
    n++;
  }
  if (n == 0)
    return;
  int saved = errno;
  ssize_t got = process_vm_readv(getpid(), local, (unsigned long)n, remote, (unsigned long)n, 0);
  smp->ok = got == (ssize_t)(bytes * (size_t)n);
  errno = saved;
}

static void select_sample_check(enum sw_kind kind, const struct select_sample *smp) {
  int saved = errno;
  unsigned examined = 0;
  for (int fd = 0; fd < smp->nfds && examined < SW_SAMPLE_MAX_FDS; fd++) {
    if (!FD_ISSET(fd, &smp->sets[0]) && !FD_ISSET(fd, &smp->sets[1]) &&
        !FD_ISSET(fd, &smp->sets[2]))
      continue;
    examined++;
    if (!is_socket(fd)) {
      note_non_socket(kind);
      break;
    }
  }
  errno = saved;
}

/*
 * Records a finished call. The ring entry is written with the thread marked busy, so
 * that a wrapped call from a signal handler landing here cannot interleave with it;
 * the counters are atomic and need no such guard. The histogram's atomic addition
 * comes last: a locked instruction holds back the loads after it, and this way
 * there are none.
 */
static inline __attribute__((always_inline)) void finish(struct sw_thread *t,
                                                         const struct sw_call *c, uint64_t now) {
  t->state = SW_THREAD_BUSY;
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  sw_ring_push(t, c);
  if (__builtin_expect(now >= atomic_load_explicit(&sw_next_flush_ns, memory_order_relaxed), 0))
    sw_spool_periodic(now);
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  t->state = SW_THREAD_IDLE;
  sw_metrics_record(c);
}

/* Saturating conversions: a huge timeout is still a (very long) finite one. */
static int64_t timeval_ns(const struct timeval *tv) {
  if (tv == NULL)
    return SW_TIMEOUT_INFINITE;
  if (tv->tv_sec < 0 || tv->tv_usec < 0)
    return SW_TIMEOUT_INVALID;
  if (tv->tv_sec >= INT64_MAX / 1000000000 - 1)
    return INT64_MAX;
  return (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
}

static int64_t timespec_ns(const struct timespec *ts) {
  if (ts == NULL)
    return SW_TIMEOUT_INFINITE;
  if (ts->tv_sec < 0 || ts->tv_nsec < 0)
    return SW_TIMEOUT_INVALID;
  if (ts->tv_sec >= INT64_MAX / 1000000000 - 1)
    return INT64_MAX;
  return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static inline int64_t millis_ns(int timeout) {
  return timeout < 0 ? SW_TIMEOUT_INFINITE : (int64_t)timeout * 1000000;
}

static int missing(void) {
  errno = ENOSYS;
  return -1;
}

#define CALL_REAL(id, type, ...)                                                                   \
  ({                                                                                               \
    type fn_ = (type)real(id);                                                                     \
    fn_ != NULL ? fn_(__VA_ARGS__) : missing();                                                    \
  })

static inline __attribute__((always_inline)) int
record_select(enum sw_kind kind, struct sw_thread *t, int nfds, int64_t timeout, uint64_t t0, int r,
              int err, const struct select_sample *smp) {
  uint64_t t1 = sw_mono_ns();
  struct sw_call c = {.nfds = nfds < 0 ? 0 : (uint64_t)nfds,
                      .timeout_ns = timeout,
                      .latency_ns = t1 - t0,
                      .result = r,
                      .err = r < 0 ? err : 0,
                      .kind = kind};
  finish(t, &c, t1);
  if (__builtin_expect(smp->ok, 0) && r >= 0)
    select_sample_check(kind, smp);
  if (r < 0)
    errno = err;
  return r;
}

SW_EXPORT int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                     struct timeval *timeout) {
  struct sw_thread *t = enter();
  if (t == NULL)
    return CALL_REAL(R_SELECT, select_fn, nfds, readfds, writefds, exceptfds, timeout);
  int64_t want = timeval_ns(timeout);
  uint64_t t0 = sw_mono_ns();
  struct select_sample smp;
  smp.ok = 0;
  if (__builtin_expect(sample_due(SW_SELECT, t0), 0))
    select_sample_take(&smp, nfds, readfds, writefds, exceptfds);
  int r = CALL_REAL(R_SELECT, select_fn, nfds, readfds, writefds, exceptfds, timeout);
  return record_select(SW_SELECT, t, nfds, want, t0, r, r < 0 ? errno : 0, &smp);
}

int sw_wrapped_select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                      struct timeval *timeout) __attribute__((alias("select")));

int sw_next_select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                   struct timeval *timeout) {
  return CALL_REAL(R_SELECT, select_fn, nfds, readfds, writefds, exceptfds, timeout);
}

SW_EXPORT int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                      const struct timespec *timeout, const sigset_t *sigmask) {
  struct sw_thread *t = enter();
  if (t == NULL)
    return CALL_REAL(R_PSELECT, pselect_fn, nfds, readfds, writefds, exceptfds, timeout, sigmask);
  int64_t want = timespec_ns(timeout);
  uint64_t t0 = sw_mono_ns();
  struct select_sample smp;
  smp.ok = 0;
  if (__builtin_expect(sample_due(SW_PSELECT, t0), 0))
    select_sample_take(&smp, nfds, readfds, writefds, exceptfds);
  int r = CALL_REAL(R_PSELECT, pselect_fn, nfds, readfds, writefds, exceptfds, timeout, sigmask);
  return record_select(SW_PSELECT, t, nfds, want, t0, r, r < 0 ? errno : 0, &smp);
}

static inline __attribute__((always_inline)) int record_poll(enum sw_kind kind, struct sw_thread *t,
                                                             struct pollfd *fds, nfds_t nfds,
                                                             int64_t timeout, uint64_t t0, int r,
                                                             int err) {
  uint64_t t1 = sw_mono_ns();
  struct sw_call c = {.nfds = nfds,
                      .timeout_ns = timeout,
                      .latency_ns = t1 - t0,
                      .result = r,
                      .err = r < 0 ? err : 0,
                      .kind = kind};
  /* After a successful call the kernel has read and written the whole array, so it
   * is valid memory and the fd fields are the caller's. Decided before finish() so
   * that no load follows its atomic addition. */
  int sample = __builtin_expect(r >= 0 && nfds > 0, 1) && __builtin_expect(sample_due(kind, t0), 0);
  finish(t, &c, t1);
  if (__builtin_expect(sample, 0))
    sample_pollfds(kind, fds, nfds);
  if (r < 0)
    errno = err;
  return r;
}

SW_EXPORT int poll(struct pollfd *fds, nfds_t nfds, int timeout) {
  struct sw_thread *t = enter();
  if (t == NULL)
    return CALL_REAL(R_POLL, poll_fn, fds, nfds, timeout);
  uint64_t t0 = sw_mono_ns();
  int r = CALL_REAL(R_POLL, poll_fn, fds, nfds, timeout);
  return record_poll(SW_POLL, t, fds, nfds, millis_ns(timeout), t0, r, r < 0 ? errno : 0);
}

int sw_wrapped_poll(struct pollfd *fds, nfds_t nfds, int timeout) __attribute__((alias("poll")));

int sw_next_poll(struct pollfd *fds, nfds_t nfds, int timeout) {
  return CALL_REAL(R_POLL, poll_fn, fds, nfds, timeout);
}

SW_EXPORT int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
                    const sigset_t *sigmask) {
  struct sw_thread *t = enter();
  if (t == NULL)
    return CALL_REAL(R_PPOLL, ppoll_fn, fds, nfds, timeout, sigmask);
  int64_t want = timespec_ns(timeout);
  uint64_t t0 = sw_mono_ns();
  int r = CALL_REAL(R_PPOLL, ppoll_fn, fds, nfds, timeout, sigmask);
  return record_poll(SW_PPOLL, t, fds, nfds, want, t0, r, r < 0 ? errno : 0);
}

/* The entry points a _FORTIFY_SOURCE build calls instead of poll and ppoll. Forwarding
 * to glibc's keeps its buffer-size check (and its abort) exactly as it was; glibc's
 * then calls its internal poll, so nothing is counted twice. */
SW_EXPORT int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen) {
  struct sw_thread *t = enter();
  if (t == NULL)
    return CALL_REAL(R_POLL_CHK, poll_chk_fn, fds, nfds, timeout, fdslen);
  uint64_t t0 = sw_mono_ns();
  int r = CALL_REAL(R_POLL_CHK, poll_chk_fn, fds, nfds, timeout, fdslen);
  return record_poll(SW_POLL, t, fds, nfds, millis_ns(timeout), t0, r, r < 0 ? errno : 0);
}

SW_EXPORT int __ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
                          const sigset_t *sigmask, size_t fdslen) {
  struct sw_thread *t = enter();
  if (t == NULL)
    return CALL_REAL(R_PPOLL_CHK, ppoll_chk_fn, fds, nfds, timeout, sigmask, fdslen);
  int64_t want = timespec_ns(timeout);
  uint64_t t0 = sw_mono_ns();
  int r = CALL_REAL(R_PPOLL_CHK, ppoll_chk_fn, fds, nfds, timeout, sigmask, fdslen);
  return record_poll(SW_PPOLL, t, fds, nfds, want, t0, r, r < 0 ? errno : 0);
}

static inline __attribute__((always_inline)) int record_epoll(enum sw_kind kind,
                                                              struct sw_thread *t, int maxevents,
                                                              int timeout, uint64_t t0, int r,
                                                              int err) {
  uint64_t t1 = sw_mono_ns();
  struct sw_call c = {.nfds = maxevents < 0 ? 0 : (uint64_t)maxevents,
                      .timeout_ns = millis_ns(timeout),
                      .latency_ns = t1 - t0,
                      .result = r,
                      .err = r < 0 ? err : 0,
                      .kind = kind};
  finish(t, &c, t1);
  if (r < 0)
    errno = err;
  return r;
}

SW_EXPORT int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
  struct sw_thread *t = enter();
  if (t == NULL)
    return CALL_REAL(R_EPOLL_WAIT, epoll_wait_fn, epfd, events, maxevents, timeout);
  uint64_t t0 = sw_mono_ns();
  int r = CALL_REAL(R_EPOLL_WAIT, epoll_wait_fn, epfd, events, maxevents, timeout);
  return record_epoll(SW_EPOLL_WAIT, t, maxevents, timeout, t0, r, r < 0 ? errno : 0);
}

SW_EXPORT int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout,
                          const sigset_t *sigmask) {
  struct sw_thread *t = enter();
  if (t == NULL)
    return CALL_REAL(R_EPOLL_PWAIT, epoll_pwait_fn, epfd, events, maxevents, timeout, sigmask);
  uint64_t t0 = sw_mono_ns();
  int r = CALL_REAL(R_EPOLL_PWAIT, epoll_pwait_fn, epfd, events, maxevents, timeout, sigmask);
  return record_epoll(SW_EPOLL_PWAIT, t, maxevents, timeout, t0, r, r < 0 ? errno : 0);
}
