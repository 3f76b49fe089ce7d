/*
 * select-eintr: a signal whose handler was installed without SA_RESTART
 * ends a blocking select() (and poll()) with -1 and EINTR. Clients rely on it to
 * wake their loop from a signal handler (shutdown, reload).
 *
 * The signal is a real-time one that has no handler in this process, chosen from
 * SIGRTMAX down. The checks run inside host processes, a JVM included: HotSpot
 * handles SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGPIPE, SIGXFSZ, SIGQUIT, SIGHUP, SIGINT,
 * SIGTERM and SIGUSR2 (thread suspend/resume), and a host may use SIGALRM or SIGUSR1
 * itself; glibc keeps the lowest real-time signals for its own use and starts
 * SIGRTMIN above them. The signal is sent to the waiting thread only (pthread_kill),
 * repeatedly until the calls return, because a single one could arrive just before
 * the thread blocks. Afterwards every instance still pending is consumed, then the
 * previous disposition and signal mask are restored, so nothing reaches the host.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "selftest.h"
#include "wrappers.h"

#define SW_EINTR_WAIT_MS 500
#define SW_EINTR_EVERY_MS 20
/* Real-time signals queue; this bounds what the drain has to consume. */
#define SW_EINTR_MAX_SENDS 100

static volatile sig_atomic_t handled;

static void on_signal(int sig) {
  (void)sig;
  handled = handled + 1;
}

/* The highest real-time signal with the default disposition, or -1. */
static int pick_signal(void) {
  for (int sig = SIGRTMAX; sig >= SIGRTMIN; sig--) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
        old.sa_handler == SIG_DFL)
      return sig;
  }
  return -1;
}

struct sender {
  pthread_t target;
  int sig;
  atomic_int stop;
  atomic_int sent;
};

static void *send_loop(void *arg) {
  struct sender *s = arg;
  while (!atomic_load(&s->stop) && atomic_load(&s->sent) < SW_EINTR_MAX_SENDS) {
    struct timespec pause = {0, SW_EINTR_EVERY_MS * 1000000L};
    nanosleep(&pause, NULL);
    if (atomic_load(&s->stop))
      break;
    if (pthread_kill(s->target, s->sig) == 0)
      atomic_fetch_add(&s->sent, 1);
  }
  return NULL;
}

struct waited {
  int result, err;
  uint64_t ns;
};

static void blocking_calls(int fd, int wait_ms, struct waited *sel, struct waited *pol) {
  struct sw_fdset set;
  if (sw_fdset_alloc(&set, fd + 1) != 0) {
    sel->result = pol->result = -1;
    sel->err = pol->err = ENOMEM;
    return;
  }
  sw_fdset_set(&set, fd);
  struct timeval tv = {wait_ms / 1000, (wait_ms % 1000) * 1000};
  uint64_t t0 = sw_mono_ns();
  sel->result = sw_wrapped_select(fd + 1, sw_fdset_ptr(&set), NULL, NULL, &tv);
  sel->err = errno;
  sel->ns = sw_mono_ns() - t0;
  sw_fdset_free(&set);
  struct pollfd p = {.fd = fd, .events = POLLIN};
  t0 = sw_mono_ns();
  pol->result = sw_wrapped_poll(&p, 1, wait_ms);
  pol->err = errno;
  pol->ns = sw_mono_ns() - t0;
}

static void describe(char *out, size_t n, const char *call, const struct waited *w) {
  char e[16];
  if (w->result == -1 && w->err == EINTR)
    snprintf(out, n, "%s() returned EINTR after %lld us", call, sw_st_us(w->ns));
  else if (w->result < 0)
    snprintf(out, n, "%s() failed with %s instead of EINTR", call,
             sw_st_errno(w->err, e, sizeof e));
  else
    snprintf(out, n, "%s() was not interrupted: it returned %d after %lld us", call, w->result,
             sw_st_us(w->ns));
}

void sw_eintr_core(struct sw_st *st, int block_signal, int wait_ms) {
  char e[16];
  int sig = pick_signal();
  if (sig < 0) {
    sw_st_set(st, SW_ST_SKIPPED, "every real-time signal has a handler in this process");
    return;
  }
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    sw_st_set(st, SW_ST_SKIPPED, "no socket pair could be made: %s",
              sw_st_errno(errno, e, sizeof e));
    return;
  }
  struct sigaction sa, old_action;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_ONSTACK; /* and no SA_RESTART: the point of the check */
  sigemptyset(&sa.sa_mask);
  sigset_t one, old_mask;
  sigemptyset(&one);
  sigaddset(&one, sig);
  sigaction(sig, &sa, &old_action);
  pthread_sigmask(block_signal ? SIG_BLOCK : SIG_UNBLOCK, &one, &old_mask);
  handled = 0;

  struct sender sender = {.target = pthread_self(), .sig = sig};
  pthread_t thread;
  int started = pthread_create(&thread, NULL, send_loop, &sender) == 0;
  struct waited sel = {0, 0, 0}, pol = {0, 0, 0};
  if (started) {
    blocking_calls(sv[1], wait_ms, &sel, &pol);
    atomic_store(&sender.stop, 1);
    pthread_join(thread, NULL);
  }

  /* Consume what is still pending before the default action (termination) is back. */
  pthread_sigmask(SIG_BLOCK, &one, NULL);
  struct timespec zero = {0, 0};
  while (sigtimedwait(&one, NULL, &zero) == sig)
    ;
  sigaction(sig, &old_action, NULL);
  pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
  sw_st_close_all(sv, 2);

  if (!started) {
    sw_st_set(st, SW_ST_SKIPPED, "no thread could be started to send the signal");
    return;
  }
  sw_st_value(st, "signal", sig);
  sw_st_value(st, "signalsSent", atomic_load(&sender.sent));
  sw_st_value(st, "signalsHandled", handled);
  char s1[128], s2[128];
  describe(s1, sizeof s1, "select", &sel);
  describe(s2, sizeof s2, "poll", &pol);
  int sel_ok = sel.result == -1 && sel.err == EINTR, pol_ok = pol.result == -1 && pol.err == EINTR;
  if (sel_ok)
    sw_st_value(st, "selectInterruptedAfterUs", (double)sel.ns / 1000.0);
  if (pol_ok)
    sw_st_value(st, "pollInterruptedAfterUs", (double)pol.ns / 1000.0);
  sw_st_set(st, sel_ok && pol_ok ? SW_ST_PASS : SW_ST_FAIL,
            "a signal (SIGRTMIN+%d, handler without SA_RESTART) sent during a blocking wait: %s; "
            "%s",
            sig - SIGRTMIN, s1, s2);
}

void sw_check_select_eintr(struct sw_st *st) {
  sw_eintr_core(st, 0, SW_EINTR_WAIT_MS);
}
