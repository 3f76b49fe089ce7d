/*
 * select-fd-setsize: select() on a descriptor at or above FD_SETSIZE. An
 * fd_set holds FD_SETSIZE bits, so a program that puts a higher descriptor into one
 * writes past it; programs that do this correctly allocate larger sets, and the
 * kernel accepts any nfds up to the descriptor limit. The check makes such a call
 * correctly (sets on the heap, sized for nfds, with guard words around them) and
 * verifies that the shim counts it under fdAboveSetsize, that the call's answer is
 * right, and that nothing outside the sets was written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "metrics.h"
#include "selftest.h"
#include "shimwatch.h"
#include "wrappers.h"

#define SW_GUARD_WORDS 8
#define SW_GUARD ((fd_mask)0xa5a5a5a5a5a5a5a5ull)

static uint64_t fd_above_setsize_count(void) {
  return atomic_load_explicit(&sw_metrics[SW_SELECT].fd_above_setsize, memory_order_relaxed);
}

/*
 * A descriptor >= FD_SETSIZE for the same socket as fd. F_DUPFD takes the lowest free
 * number at or above FD_SETSIZE, where dup2() to a fixed number could silently close
 * a descriptor the host process owns.
 */
static int high_dup(int fd, struct rlimit *saved, int *raised, struct sw_st *st) {
  int hi = fcntl(fd, F_DUPFD_CLOEXEC, FD_SETSIZE);
  if (hi >= 0 || (errno != EINVAL && errno != EMFILE))
    return hi;
  *raised = sw_st_nofile_at_least(FD_SETSIZE + 64, saved);
  if (*raised == 1)
    return fcntl(fd, F_DUPFD_CLOEXEC, FD_SETSIZE);
  struct rlimit now;
  getrlimit(RLIMIT_NOFILE, &now);
  sw_st_set(st, SW_ST_SKIPPED,
            "no descriptor at or above FD_SETSIZE (%d) could be made: RLIMIT_NOFILE is %lld "
            "(hard limit %lld)",
            FD_SETSIZE, now.rlim_cur == RLIM_INFINITY ? -1ll : (long long)now.rlim_cur,
            now.rlim_max == RLIM_INFINITY ? -1ll : (long long)now.rlim_max);
  errno = 0;
  return -1;
}

static void setsize_core(struct sw_st *st, int *fds, struct rlimit *saved, int *raised) {
  char e[16];
  /* fds[0], fds[1]: a pair with a byte pending on fds[1]; fds[2], fds[3]: an idle
   * pair; fds[4]: the high duplicate of fds[1]. */
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0 ||
      socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds + 2) != 0) {
    sw_st_set(st, SW_ST_SKIPPED, "no socket pair could be made: %s",
              sw_st_errno(errno, e, sizeof e));
    return;
  }
  if (write(fds[0], "x", 1) != 1) {
    sw_st_set(st, SW_ST_FAIL, "writing to a socket pair failed: %s",
              sw_st_errno(errno, e, sizeof e));
    return;
  }
  int hi = fds[4] = high_dup(fds[1], saved, raised, st);
  if (hi < 0) {
    if (errno != 0)
      sw_st_set(st, SW_ST_SKIPPED, "no descriptor at or above FD_SETSIZE could be made: %s",
                sw_st_errno(errno, e, sizeof e));
    return;
  }
  int low_idle = fds[3];
  int nfds = hi + 1;
  size_t words = ((size_t)nfds + NFDBITS - 1) / NFDBITS;
  fd_mask *mem = malloc((words + 2 * SW_GUARD_WORDS) * sizeof *mem);
  if (mem == NULL) {
    sw_st_set(st, SW_ST_SKIPPED, "out of memory");
    return;
  }
  for (size_t i = 0; i < words + 2 * SW_GUARD_WORDS; i++)
    mem[i] = SW_GUARD;
  struct sw_fdset set = {.words = mem + SW_GUARD_WORDS, .nwords = words};
  sw_fdset_zero(&set);
  sw_fdset_set(&set, hi);
  sw_fdset_set(&set, low_idle);

  uint64_t before = fd_above_setsize_count();
  struct timeval tv = {0, 0};
  int r = sw_wrapped_select(nfds, sw_fdset_ptr(&set), NULL, NULL, &tv);
  int err = errno;
  uint64_t counted = fd_above_setsize_count() - before;

  int guards_intact = 1;
  for (size_t i = 0; i < SW_GUARD_WORDS; i++)
    guards_intact &= mem[i] == SW_GUARD && mem[SW_GUARD_WORDS + words + i] == SW_GUARD;
  int others_clear = 1;
  for (int fd = 0; fd < nfds; fd++)
    if (fd != hi && sw_fdset_isset(&set, fd))
      others_clear = 0;
  int hi_set = sw_fdset_isset(&set, hi);
  free(mem);
  int polled = sw_st_poll_one(hi, 0, 0, SW_VIA_SHIM);

  sw_st_value(st, "fd", hi);
  sw_st_value(st, "nfds", nfds);
  sw_st_value(st, "fdSetsize", FD_SETSIZE);
  sw_st_value(st, "fdAboveSetsizeCounted", (double)counted);
  sw_st_value(st, "softLimitRaised", *raised == 1);
  if (!guards_intact) {
    sw_st_set(st, SW_ST_FAIL,
              "select() with nfds %d wrote outside the descriptor sets it was given", nfds);
  } else if (r < 0) {
    sw_st_set(st, SW_ST_FAIL, "select() with nfds %d (> FD_SETSIZE %d) failed: %s", nfds,
              FD_SETSIZE, sw_st_errno(err, e, sizeof e));
  } else if (r != 1 || !hi_set || !others_clear) {
    sw_st_set(st, SW_ST_FAIL,
              "select() with nfds %d returned %d: descriptor %d (readable) %s, an idle one %s",
              nfds, r, hi, hi_set ? "reported" : "missed",
              others_clear ? "not reported" : "reported");
  } else if (polled != 1) {
    sw_st_set(st, SW_ST_FAIL, "poll() did not report descriptor %d readable", hi);
  } else if (!shimwatch_enabled()) {
    sw_st_set(st, SW_ST_SKIPPED,
              "select() on descriptor %d with sets sized for it worked, but the shim is disabled "
              "(SHIMWATCH_DISABLE=1) and does not count calls",
              hi);
  } else if (counted == 0) {
    sw_st_set(st, SW_ST_FAIL, "the shim did not count a select() with nfds %d > FD_SETSIZE %d",
              nfds, FD_SETSIZE);
  } else {
    sw_st_set(st, SW_ST_PASS,
              "select() on descriptor %d (nfds %d > FD_SETSIZE %d) with sets sized for it "
              "reported it readable and wrote nothing outside them; the shim counted it under "
              "fdAboveSetsize",
              hi, nfds, FD_SETSIZE);
  }
}

void sw_check_select_fd_setsize(struct sw_st *st) {
  int fds[5] = {-1, -1, -1, -1, -1};
  struct rlimit saved;
  int raised = 0;
  setsize_core(st, fds, &saved, &raised);
  /* The high descriptor is closed before the limit goes back down. */
  sw_st_close_all(fds, 5);
  if (raised == 1)
    sw_st_nofile_restore(&saved);
}
