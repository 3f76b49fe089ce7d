/*
 * Invisibility: every wrapped function returns the same value, sets the same errno
 * and writes the same output as glibc's own function called directly, error paths
 * included. The wrapped side is the plain call (this test is linked against the shim
 * ahead of libc); the unwrapped side is looked up in libc.so.6 itself.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "shimwatch.h"

extern int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen);
extern int __ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
                       const sigset_t *ss, size_t fdslen);

static int (*libc_select)(int, fd_set *, fd_set *, fd_set *, struct timeval *);
static int (*libc_pselect)(int, fd_set *, fd_set *, fd_set *, const struct timespec *,
                           const sigset_t *);
static int (*libc_poll)(struct pollfd *, nfds_t, int);
static int (*libc_ppoll)(struct pollfd *, nfds_t, const struct timespec *, const sigset_t *);
static int (*libc_epoll_wait)(int, struct epoll_event *, int, int);
static int (*libc_epoll_pwait)(int, struct epoll_event *, int, int, const sigset_t *);
static int (*libc_poll_chk)(struct pollfd *, nfds_t, int, size_t);
static int (*libc_ppoll_chk)(struct pollfd *, nfds_t, const struct timespec *, const sigset_t *,
                             size_t);

static int ready;  /* a socket with a byte to read */
static int idle;   /* a socket with nothing to read */
static int closed; /* a descriptor number that is not open */
static int epfd;   /* an epoll set holding 'ready' */
static int calls;  /* wrapped calls made, to check the shim saw them all */
static void *const bad_pointer = (void *)8;
/* Bad arguments go through volatiles: the compiler rejects them when it can see them. */
static volatile int minus_one = -1;
static struct pollfd *volatile null_fds = NULL;

/* Runs the wrapped and the unwrapped expression from the same errno and compares
 * result and errno. */
#define SAME(wrapped, plain)                                                                       \
  do {                                                                                             \
    errno = 777;                                                                                   \
    int r1_ = (wrapped);                                                                           \
    int e1_ = errno;                                                                               \
    errno = 777;                                                                                   \
    int r2_ = (plain);                                                                             \
    int e2_ = errno;                                                                               \
    calls++;                                                                                       \
    CHECK_EQ_LONG(r1_, r2_);                                                                       \
    CHECK_EQ_LONG(e1_, e2_);                                                                       \
  } while (0)

static void poll_matches_libc(void) {
  struct pollfd a[3], b[3];
  struct pollfd init[3] = {{ready, POLLIN, 0}, {closed, POLLIN, 0}, {-1, POLLIN, 0}};
  /* ready, a closed descriptor (POLLNVAL), and a negative one (ignored) */
  for (int timeout = -1; timeout <= 0; timeout++) {
    memcpy(a, init, sizeof a);
    memcpy(b, init, sizeof b);
    SAME(poll(a, 3, timeout), libc_poll(b, 3, timeout));
    CHECK(memcmp(a, b, sizeof a) == 0);
  }
  memcpy(a, init, sizeof a);
  memcpy(b, init, sizeof b);
  SAME(poll(a, 1, INT_MAX), libc_poll(b, 1, INT_MAX)); /* huge timeout, ready at once */
  CHECK(memcmp(a, b, sizeof a) == 0);
  SAME(poll(NULL, 0, 0), libc_poll(NULL, 0, 0));
  struct pollfd *volatile bad = bad_pointer;
  SAME(poll(bad, 1, 0), libc_poll(bad, 1, 0));           /* EFAULT */
  SAME(poll(null_fds, 1, 0), libc_poll(null_fds, 1, 0)); /* EFAULT */
  /* EINVAL: more entries than RLIMIT_NOFILE allows. The limit is lowered for the
   * occasion so the array can be real (ASan's interceptor reads all of it first). */
  struct rlimit saved, low = {64, 64};
  getrlimit(RLIMIT_NOFILE, &saved);
  low.rlim_max = saved.rlim_max;
  struct pollfd many1[65], many2[65];
  for (int i = 0; i < 65; i++)
    many1[i] = many2[i] = (struct pollfd){-1, POLLIN, 0};
  CHECK(setrlimit(RLIMIT_NOFILE, &low) == 0);
  SAME(poll(many1, 65, 0), libc_poll(many2, 65, 0));
  setrlimit(RLIMIT_NOFILE, &saved);
  struct pollfd q1 = {idle, POLLIN, 0}, q2 = q1;
  SAME(poll(&q1, 1, 1), libc_poll(&q2, 1, 1)); /* timeout */
  CHECK(memcmp(&q1, &q2, sizeof q1) == 0);
}

static void ppoll_matches_libc(void) {
  struct pollfd a = {ready, POLLIN, 0}, b = a;
  const struct timespec cases[] = {
      {0, 0},                /* ready */
      {LONG_MAX, 999999999}, /* huge, ready at once */
      {0, 1000000000},       /* EINVAL: nanoseconds out of range */
      {-1, 0},               /* EINVAL: negative */
      {0, -1},               /* EINVAL: negative */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    a.revents = b.revents = 0;
    SAME(ppoll(&a, 1, &cases[i], NULL), libc_ppoll(&b, 1, &cases[i], NULL));
    CHECK(a.revents == b.revents);
  }
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  SAME(ppoll(&a, 1, NULL, &mask), libc_ppoll(&b, 1, NULL, &mask)); /* NULL: forever, but ready */
  struct pollfd *volatile bad = bad_pointer;
  SAME(ppoll(bad, 1, &cases[0], NULL), libc_ppoll(bad, 1, &cases[0], NULL));
  SAME(ppoll(NULL, 0, &cases[0], NULL), libc_ppoll(NULL, 0, &cases[0], NULL));
}

static void fill(fd_set *s, int fd) {
  FD_ZERO(s);
  if (fd >= 0)
    FD_SET(fd, s);
}

static void select_matches_libc(void) {
  fd_set r1, r2, w1, w2;
  struct timeval t1, t2;
  const struct timeval cases[] = {
      {0, 0},            /* ready */
      {LONG_MAX, 0},     /* huge */
      {0, 1000000},      /* microseconds out of range */
      {-1, 0},           /* EINVAL */
      {0, -1},           /* EINVAL */
      {INT_MAX, 999999}, /* large but valid */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    fill(&r1, ready);
    fill(&r2, ready);
    fill(&w1, idle);
    fill(&w2, idle);
    t1 = t2 = cases[i];
    int n = (ready > idle ? ready : idle) + 1;
    SAME(select(n, &r1, &w1, NULL, &t1), libc_select(n, &r2, &w2, NULL, &t2));
    CHECK(memcmp(&r1, &r2, sizeof r1) == 0);
    CHECK(memcmp(&w1, &w2, sizeof w1) == 0);
    /* Linux writes the time left back; both sides must agree to the second. */
    CHECK(t1.tv_sec == t2.tv_sec);
  }
  t1 = t2 = cases[0];
  SAME(select(0, NULL, NULL, NULL, &t1), libc_select(0, NULL, NULL, NULL, &t2));   /* NULL sets */
  SAME(select(-1, NULL, NULL, NULL, &t1), libc_select(-1, NULL, NULL, NULL, &t2)); /* EINVAL */
  fill(&r1, closed);
  fill(&r2, closed);
  t1 = t2 = cases[0];
  SAME(select(closed + 1, &r1, NULL, NULL, &t1),
       libc_select(closed + 1, &r2, NULL, NULL, &t2)); /* EBADF */
  fd_set *volatile bad = bad_pointer;
  t1 = t2 = cases[0];
  SAME(select(ready + 1, bad, NULL, NULL, &t1), libc_select(ready + 1, bad, NULL, NULL, &t2));
  /* nfds above FD_SETSIZE, with sets that big */
  fd_set big1[2], big2[2];
  memset(big1, 0, sizeof big1);
  memset(big2, 0, sizeof big2);
  FD_SET(ready, &big1[0]);
  FD_SET(ready, &big2[0]);
  t1 = t2 = cases[0];
  SAME(select(FD_SETSIZE + 1, big1, NULL, NULL, &t1),
       libc_select(FD_SETSIZE + 1, big2, NULL, NULL, &t2));
  CHECK(memcmp(big1, big2, sizeof big1) == 0);
  t1 = (struct timeval){0, 1000};
  t2 = t1;
  fill(&r1, idle);
  fill(&r2, idle);
  SAME(select(idle + 1, &r1, NULL, NULL, &t1), libc_select(idle + 1, &r2, NULL, NULL, &t2));
}

static void pselect_matches_libc(void) {
  fd_set r1, r2;
  const struct timespec cases[] = {{0, 0}, {LONG_MAX, 0}, {0, 1000000000}, {-1, 0}, {0, -1}};
  sigset_t mask;
  sigemptyset(&mask);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    fill(&r1, ready);
    fill(&r2, ready);
    SAME(pselect(ready + 1, &r1, NULL, NULL, &cases[i], &mask),
         libc_pselect(ready + 1, &r2, NULL, NULL, &cases[i], &mask));
    CHECK(memcmp(&r1, &r2, sizeof r1) == 0);
  }
  SAME(pselect(-1, NULL, NULL, NULL, &cases[0], NULL),
       libc_pselect(-1, NULL, NULL, NULL, &cases[0], NULL));
  fill(&r1, closed);
  fill(&r2, closed);
  SAME(pselect(closed + 1, &r1, NULL, NULL, &cases[0], NULL),
       libc_pselect(closed + 1, &r2, NULL, NULL, &cases[0], NULL));
  fill(&r1, ready);
  fill(&r2, ready);
  SAME(pselect(ready + 1, &r1, NULL, NULL, NULL, NULL),
       libc_pselect(ready + 1, &r2, NULL, NULL, NULL, NULL)); /* no timeout, ready */
}

static void epoll_matches_libc(void) {
  struct epoll_event e1[4], e2[4];
  memset(e1, 0, sizeof e1);
  memset(e2, 0, sizeof e2);
  SAME(epoll_wait(epfd, e1, 4, 0), libc_epoll_wait(epfd, e2, 4, 0));
  CHECK(memcmp(e1, e2, sizeof e1) == 0);
  SAME(epoll_wait(epfd, e1, 4, INT_MAX), libc_epoll_wait(epfd, e2, 4, INT_MAX));
  SAME(epoll_wait(epfd, e1, 4, -1), libc_epoll_wait(epfd, e2, 4, -1));
  SAME(epoll_wait(closed, e1, 4, 0), libc_epoll_wait(closed, e2, 4, 0)); /* EBADF */
  SAME(epoll_wait(ready, e1, 4, 0), libc_epoll_wait(ready, e2, 4, 0));   /* EINVAL: not epoll */
  SAME(epoll_wait(epfd, e1, 0, 0), libc_epoll_wait(epfd, e2, 0, 0));     /* EINVAL */
  SAME(epoll_wait(epfd, e1, minus_one, 0), libc_epoll_wait(epfd, e2, minus_one, 0)); /* EINVAL */
  struct epoll_event *volatile bad = bad_pointer;
  SAME(epoll_wait(epfd, bad, 4, 0), libc_epoll_wait(epfd, bad, 4, 0)); /* EFAULT */
  sigset_t mask;
  sigemptyset(&mask);
  SAME(epoll_pwait(epfd, e1, 4, 0, &mask), libc_epoll_pwait(epfd, e2, 4, 0, &mask));
  CHECK(memcmp(e1, e2, sizeof e1) == 0);
  SAME(epoll_pwait(epfd, e1, 4, 0, NULL), libc_epoll_pwait(epfd, e2, 4, 0, NULL));
  SAME(epoll_pwait(closed, e1, 4, 0, NULL), libc_epoll_pwait(closed, e2, 4, 0, NULL));
  SAME(epoll_pwait(epfd, e1, 0, 0, NULL), libc_epoll_pwait(epfd, e2, 0, 0, NULL));
}

static void fortified_entry_points_match_libc(void) {
  struct pollfd a = {ready, POLLIN, 0}, b = a;
  SAME(__poll_chk(&a, 1, 0, sizeof a), libc_poll_chk(&b, 1, 0, sizeof b));
  CHECK(a.revents == b.revents);
  struct timespec zero = {0, 0};
  SAME(__ppoll_chk(&a, 1, &zero, NULL, sizeof a), libc_ppoll_chk(&b, 1, &zero, NULL, sizeof b));
}

/* Runs fn in a child and returns its wait status. */
static int status_of(void (*fn)(int), int wrapped) {
  pid_t pid = fork();
  if (pid == 0) {
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    /* glibc prints "buffer overflow detected"; expected here, so keep it quiet. */
    if (freopen("/dev/null", "w", stderr) == NULL)
      _exit(3);
    fn(wrapped);
    _exit(0);
  }
  int status = -1;
  waitpid(pid, &status, 0);
  return status;
}

static void overflow_poll(int wrapped) {
  struct pollfd p[2] = {{ready, POLLIN, 0}, {ready, POLLIN, 0}};
  /* Claims two entries in a buffer of one: glibc's check aborts. */
  if (wrapped)
    __poll_chk(p, 2, 0, sizeof p[0]);
  else
    libc_poll_chk(p, 2, 0, sizeof p[0]);
}

static void overflow_ppoll(int wrapped) {
  struct pollfd p[2] = {{ready, POLLIN, 0}, {ready, POLLIN, 0}};
  struct timespec zero = {0, 0};
  if (wrapped)
    __ppoll_chk(p, 2, &zero, NULL, sizeof p[0]);
  else
    libc_ppoll_chk(p, 2, &zero, NULL, sizeof p[0]);
}

static void fortify_failures_still_abort(void) {
  int s1 = status_of(overflow_poll, 1), s2 = status_of(overflow_poll, 0);
  CHECK(WIFSIGNALED(s2) && WTERMSIG(s2) == SIGABRT);
  CHECK_EQ_LONG(s1, s2);
  s1 = status_of(overflow_ppoll, 1);
  s2 = status_of(overflow_ppoll, 0);
  CHECK(WIFSIGNALED(s2) && WTERMSIG(s2) == SIGABRT);
  CHECK_EQ_LONG(s1, s2);
}

static void the_shim_saw_every_wrapped_call(void) {
  /* Without this, a build where the wrappers were not in the way would pass. */
  long n = shimwatch_snapshot(NULL, 0);
  char *s = malloc((size_t)n + 1);
  shimwatch_snapshot(s, (size_t)n + 1);
  long long total = 0;
  const char *kinds[] = {"select", "pselect", "poll", "ppoll", "epoll_wait", "epoll_pwait"};
  for (int i = 0; i < 6; i++) {
    long long c = JNUM(s, "calls", kinds[i], "count");
    CHECK(c > 0);
    total += c;
  }
  CHECK_EQ_LONG(total, calls);
  free(s);
}

int main(void) {
  void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
  if (libc == NULL)
    return 2;
  *(void **)&libc_select = dlsym(libc, "select");
  *(void **)&libc_pselect = dlsym(libc, "pselect");
  *(void **)&libc_poll = dlsym(libc, "poll");
  *(void **)&libc_ppoll = dlsym(libc, "ppoll");
  *(void **)&libc_epoll_wait = dlsym(libc, "epoll_wait");
  *(void **)&libc_epoll_pwait = dlsym(libc, "epoll_pwait");
  *(void **)&libc_poll_chk = dlsym(libc, "__poll_chk");
  *(void **)&libc_ppoll_chk = dlsym(libc, "__ppoll_chk");
  if ((void *)libc_poll == (void *)poll)
    return 2;
  int sv[2], sv2[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0 || write(sv[0], "x", 1) != 1 ||
      socketpair(AF_UNIX, SOCK_STREAM, 0, sv2) != 0)
    return 2;
  ready = sv[1];
  idle = sv2[1];
  closed = dup(0);
  close(closed);
  epfd = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = ready};
  epoll_ctl(epfd, EPOLL_CTL_ADD, ready, &ev);
  shimwatch_reset();
  RUN(poll_matches_libc);
  RUN(ppoll_matches_libc);
  RUN(select_matches_libc);
  RUN(pselect_matches_libc);
  RUN(epoll_matches_libc);
  RUN(fortified_entry_points_match_libc);
  RUN(the_shim_saw_every_wrapped_call);
  RUN(fortify_failures_still_abort);
  return finish_cases();
}
