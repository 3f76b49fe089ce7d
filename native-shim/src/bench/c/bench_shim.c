/*
 * Added cost of the shim per call, next to the timer floor, measured in one run.
 *
 * For poll, select and epoll_wait with a zero timeout on one ready socket (a
 * socketpair with a byte pending), it times the wrapped call (this program runs with
 * the shim in LD_PRELOAD, as a client would, so a plain call reaches the wrapper) and
 * the unwrapped one (glibc's function, looked up in libc.so.6 itself), in the same
 * process on the same descriptors, plus two clock_gettime(CLOCK_MONOTONIC) calls:
 * the clock reads every wrapped call needs, which bound how cheap the shim can be.
 * Rounds alternate the measurements; the figures are medians over rounds.
 *
 * Usage: LD_PRELOAD=/path/to/libshimwatch.so bench_shim
 */
#include <dlfcn.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Enough calls per round that clock granularity and loop overhead vanish, enough
 * rounds that the median shrugs off a round disturbed by the other core's work. */
#ifndef ITERATIONS
#define ITERATIONS 200000
#endif
#ifndef ROUNDS
#define ROUNDS 25
#endif
#define TARGET_RATIO 1.3

typedef int (*poll_fn)(struct pollfd *, nfds_t, int);
typedef int (*select_fn)(int, fd_set *, fd_set *, fd_set *, struct timeval *);
typedef int (*epoll_wait_fn)(int, struct epoll_event *, int, int);

static int sock;
static int epfd;
static poll_fn plain_poll;
static select_fn plain_select;
static epoll_wait_fn plain_epoll_wait;

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int check(int r) {
  if (r != 1) {
    fprintf(stderr, "bench_shim: expected one ready descriptor, got %d\n", r);
    exit(2);
  }
  return r;
}

/* Each loop runs one kind of call; 'volatile' keeps the compiler from eliding. */
static double run_poll(poll_fn fn) {
  struct pollfd p = {.fd = sock, .events = POLLIN};
  volatile int sink = 0;
  double t0 = now_ns();
  for (int i = 0; i < ITERATIONS; i++)
    sink += fn(&p, 1, 0);
  double t1 = now_ns();
  check(sink / ITERATIONS);
  return (t1 - t0) / ITERATIONS;
}

static double run_select(select_fn fn) {
  volatile int sink = 0;
  double t0 = now_ns();
  for (int i = 0; i < ITERATIONS; i++) {
    fd_set r;
    FD_ZERO(&r);
    FD_SET(sock, &r);
    struct timeval tv = {0, 0};
    sink += fn(sock + 1, &r, NULL, NULL, &tv);
  }
  double t1 = now_ns();
  check(sink / ITERATIONS);
  return (t1 - t0) / ITERATIONS;
}

static double run_epoll(epoll_wait_fn fn) {
  struct epoll_event ev[4];
  volatile int sink = 0;
  double t0 = now_ns();
  for (int i = 0; i < ITERATIONS; i++)
    sink += fn(epfd, ev, 4, 0);
  double t1 = now_ns();
  check(sink / ITERATIONS);
  return (t1 - t0) / ITERATIONS;
}

/* Nothing but the two reads: clock_gettime is an external call, so the compiler
 * cannot drop it, and any extra work here would flatter the ratio. */
static double run_floor(void) {
  struct timespec a, b;
  double t0 = now_ns();
  for (int i = 0; i < ITERATIONS; i++) {
    clock_gettime(CLOCK_MONOTONIC, &a);
    clock_gettime(CLOCK_MONOTONIC, &b);
  }
  double t1 = now_ns();
  return (t1 - t0) / ITERATIONS;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, by_value);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double measure(int kind, int wrapped) {
  switch (kind) {
  case 0:
    return run_poll(wrapped ? poll : plain_poll);
  case 1:
    return run_select(wrapped ? select : plain_select);
  default:
    return run_epoll(wrapped ? epoll_wait : plain_epoll_wait);
  }
}

int main(void) {
  void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
  if (libc == NULL) {
    fprintf(stderr, "bench_shim: %s\n", dlerror());
    return 2;
  }
  plain_poll = (poll_fn)dlsym(libc, "poll");
  plain_select = (select_fn)dlsym(libc, "select");
  plain_epoll_wait = (epoll_wait_fn)dlsym(libc, "epoll_wait");
  int (*enabled)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "shimwatch_enabled");
  if (!plain_poll || !plain_select || !plain_epoll_wait || !enabled || !enabled() ||
      dlsym(RTLD_DEFAULT, "poll") == (void *)plain_poll) {
    fprintf(stderr, "bench_shim: run it with an enabled libshimwatch.so in LD_PRELOAD\n");
    return 2;
  }

  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0 || write(sv[0], "x", 1) != 1) {
    perror("bench_shim: socketpair");
    return 2;
  }
  sock = sv[1];
  epfd = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = sock};
  if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, sock, &ev) != 0) {
    perror("bench_shim: epoll");
    return 2;
  }

  static const char *const names[] = {"poll", "select", "epoll_wait"};
  for (int kind = 0; kind < 3; kind++) {
    double added[ROUNDS], floor_ns[ROUNDS];
    measure(kind, 0); /* warm up caches, the PLT and the shim's thread state */
    measure(kind, 1);
    for (int r = 0; r < ROUNDS; r++) {
      /* Alternate the order so that a slow phase of the machine hits both sides. */
      double plain, shim;
      if (r % 2) {
        plain = measure(kind, 0);
        shim = measure(kind, 1);
      } else {
        shim = measure(kind, 1);
        plain = measure(kind, 0);
      }
      added[r] = shim - plain;
      floor_ns[r] = run_floor();
    }
    double a = median(added, ROUNDS), f = median(floor_ns, ROUNDS);
    printf("native-shim bench %s: added %.1f ns/call, timer floor %.1f ns, ratio %.2f "
           "(target <= %.1f)\n",
           names[kind], a, f, a / f, TARGET_RATIO);
    fflush(stdout);
  }
  return 0;
}
