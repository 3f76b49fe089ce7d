/*
 * Exactness under threads: N threads making M calls each are counted as exactly N*M,
 * with no lock in the recording path; snapshots taken meanwhile stay well-formed.
 */
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "shimwatch.h"

#define THREADS 8
#define CALLS 25000

static int ready;
static int epfd;
static atomic_int stop_snapshots;

static void *caller(void *arg) {
  long id = (long)arg;
  struct pollfd p = {.fd = ready, .events = POLLIN};
  struct epoll_event ev[2];
  for (int i = 0; i < CALLS; i++) {
    /* Every thread uses poll; odd ones also epoll_wait, even ones select. */
    poll(&p, 1, 0);
    if (id % 2) {
      epoll_wait(epfd, ev, 2, 0);
    } else {
      fd_set r;
      FD_ZERO(&r);
      FD_SET(ready, &r);
      struct timeval tv = {0, 0};
      select(ready + 1, &r, NULL, NULL, &tv);
    }
  }
  return NULL;
}

static void *snapshotter(void *arg) {
  (void)arg;
  static char buf[1 << 16];
  long bad = 0;
  while (!atomic_load(&stop_snapshots)) {
    long n = shimwatch_snapshot(buf, sizeof buf);
    if (n <= 0 || (size_t)n >= sizeof buf || !json_valid(buf))
      bad++;
  }
  return (void *)bad;
}

static char *take_snapshot(void) {
  long n = shimwatch_snapshot(NULL, 0);
  char *s = malloc((size_t)n + 256);
  shimwatch_snapshot(s, (size_t)n + 256);
  return s;
}

static void n_threads_times_m_calls_is_exact(void) {
  shimwatch_reset();
  pthread_t t[THREADS], snap;
  pthread_create(&snap, NULL, snapshotter, NULL);
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, caller, (void *)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  atomic_store(&stop_snapshots, 1);
  void *bad;
  pthread_join(snap, &bad);
  CHECK_EQ_LONG((long)bad, 0);

  char *s = take_snapshot();
  CHECK(json_valid(s));
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "count"), THREADS * CALLS);
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "results", "ready"), THREADS * CALLS);
  CHECK_EQ_LONG(json_hist_total(JGET(s, "calls", "poll", "latency")), THREADS * CALLS);
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "anomalies", "zeroTimeoutCalls"), THREADS * CALLS);
  CHECK_EQ_LONG(JNUM(s, "calls", "epoll_wait", "count"), THREADS / 2 * CALLS);
  CHECK_EQ_LONG(JNUM(s, "calls", "select", "count"), THREADS / 2 * CALLS);
  free(s);
}

static void *one_call(void *arg) {
  (void)arg;
  poll(NULL, 0, 0);
  return NULL;
}

static void short_lived_threads_come_and_go(void) {
  /* More threads over time than the thread table has slots (4096): attaching and
   * leaving must keep working, and nothing is lost. */
  shimwatch_reset();
  for (int round = 0; round < 50; round++) {
    pthread_t t[100];
    for (int i = 0; i < 100; i++)
      pthread_create(&t[i], NULL, one_call, NULL);
    for (int i = 0; i < 100; i++)
      pthread_join(t[i], NULL);
  }
  char *s = take_snapshot();
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "count"), 5000);
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "results", "timeout"), 5000);
  free(s);
}

int main(void) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0 || write(sv[0], "x", 1) != 1)
    return 2;
  ready = sv[1];
  epfd = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = ready};
  epoll_ctl(epfd, EPOLL_CTL_ADD, ready, &ev);
  RUN(n_threads_times_m_calls_is_exact);
  RUN(short_lived_threads_come_and_go);
  return finish_cases();
}
