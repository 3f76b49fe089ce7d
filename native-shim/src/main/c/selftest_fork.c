/*
 * fork-inheritance: a child made with fork() uses the socket it inherited.
 * The original OS/2 shim bypassed EMX's emulation, and with it the inheritance of
 * sockets across fork() (its readme's third warning); a stack or shim without it
 * gives the child a descriptor that is closed or not a socket.
 *
 * The child of a multi-threaded process (a JVM) may only make async-signal-safe
 * calls: it uses poll (the wrapper records into static memory and allocates
 * nothing), read, write and _exit, and reports by its exit status.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "selftest.h"

/* The child's wait runs while the parent waits for its answer, so the check takes at
 * most the reply wait plus the reap wait. */
#define SW_FORK_CHILD_WAIT_MS 800
#define SW_FORK_REPLY_WAIT_MS 1000
#define SW_FORK_REAP_WAIT_MS 500

/* The child's exit statuses: where it stopped. */
enum {
  CHILD_OK = 0,
  CHILD_NOT_READABLE = 10,
  CHILD_POLL_FAILED,
  CHILD_READ_FAILED,
  CHILD_WRITE_FAILED
};

static void child(int fd, int close_first) {
  if (close_first)
    close(fd);
  int r = sw_st_poll_one(fd, 0, SW_FORK_CHILD_WAIT_MS, SW_VIA_SHIM);
  if (r != 1)
    _exit(r == 0 ? CHILD_NOT_READABLE : CHILD_POLL_FAILED);
  char b[4];
  if (read(fd, b, 4) != 4 || memcmp(b, "ping", 4) != 0)
    _exit(CHILD_READ_FAILED);
  if (write(fd, "pong", 4) != 4)
    _exit(CHILD_WRITE_FAILED);
  _exit(CHILD_OK);
}

/* Waits for the child up to SW_FORK_REAP_WAIT_MS, then kills it; never leaves a zombie.
 * Returns the wait status, or -1 when the host reaped it first (SIGCHLD ignored). */
static int reap(pid_t pid, int *killed) {
  uint64_t start = sw_mono_ns();
  int status;
  *killed = 0;
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid)
      return status;
    if (w < 0 && errno != EINTR)
      return -1;
    if (sw_mono_ns() - start > (uint64_t)SW_FORK_REAP_WAIT_MS * 1000000u) {
      kill(pid, SIGKILL);
      *killed = 1;
      while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
          return -1;
      return status;
    }
    struct timespec pause = {0, 5000000};
    nanosleep(&pause, NULL);
  }
}

void sw_fork_core(struct sw_st *st, int child_closes_first) {
  char e[16];
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    sw_st_set(st, SW_ST_SKIPPED, "no socket pair could be made: %s",
              sw_st_errno(errno, e, sizeof e));
    return;
  }
  if (write(sv[0], "ping", 4) != 4) {
    sw_st_set(st, SW_ST_FAIL, "writing to a socket pair failed: %s",
              sw_st_errno(errno, e, sizeof e));
    sw_st_close_all(sv, 2);
    return;
  }
  /* One wrapped call first, so that this thread's per-thread state exists before the
   * fork and the child, which inherits it, never has to set it up. */
  sw_st_poll_one(sv[0], 1, 0, SW_VIA_SHIM);
  uint64_t t0 = sw_mono_ns();
  pid_t pid = fork();
  if (pid < 0) {
    sw_st_set(st, SW_ST_SKIPPED, "fork() failed: %s", sw_st_errno(errno, e, sizeof e));
    sw_st_close_all(sv, 2);
    return;
  }
  if (pid == 0) {
    close(sv[0]);
    child(sv[1], child_closes_first);
  }
  /* Only the child holds the other end now: if it goes away, the parent sees EOF at
   * once instead of waiting out the timeout. */
  close(sv[1]);
  char reply[4] = {0};
  int r = sw_st_select_one(sv[0], 0, SW_FORK_REPLY_WAIT_MS, SW_VIA_SHIM);
  int answered = r == 1 && read(sv[0], reply, 4) == 4 && memcmp(reply, "pong", 4) == 0;
  uint64_t round_trip = sw_mono_ns() - t0;
  close(sv[0]);
  int killed;
  int status = reap(pid, &killed);
  int code = status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;

  sw_st_value(st, "childExitCode", code);
  if (answered && (code == CHILD_OK || status < 0)) {
    sw_st_value(st, "roundTripUs", (double)round_trip / 1000.0);
    sw_st_set(st, SW_ST_PASS,
              "a forked child read its parent's data from the inherited socket and answered "
              "through it (fork and round trip %lld us)",
              sw_st_us(round_trip));
    return;
  }
  const char *what;
  switch (killed ? -2 : code) {
  case CHILD_NOT_READABLE:
    what = "the inherited socket never became readable in the child";
    break;
  case CHILD_POLL_FAILED:
    what = "poll() on the inherited socket failed in the child (it is not an open socket there)";
    break;
  case CHILD_READ_FAILED:
    what = "the child could not read its parent's data from the inherited socket";
    break;
  case CHILD_WRITE_FAILED:
    what = "the child could not write through the inherited socket";
    break;
  case -2:
    what = "the child did not finish in time and was killed";
    break;
  default:
    what = "the child ended without answering";
    break;
  }
  sw_st_set(st, SW_ST_KNOWN_LIMITATION, "a forked child cannot use its parent's socket: %s", what);
}

void sw_check_fork_inheritance(struct sw_st *st) {
  sw_fork_core(st, 0);
}
