/*
 * The C API and what the wrappers record, in this process: the test is linked
 * against libshimwatch.so ahead of libc, so its own calls go through the wrappers
 * exactly as a preloaded client's do. The runner sets SHIMWATCH_SPOOL.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "shimwatch.h"

/* glibc's fortified entry point; a _FORTIFY_SOURCE build calls it instead of poll. */
extern int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen);

static char *snap;

/* Takes a snapshot into the static 'snap', growing the buffer as the API asks. */
static const char *snapshot(void) {
  free(snap);
  size_t cap = 256;
  for (;;) {
    snap = malloc(cap);
    long n = shimwatch_snapshot(snap, cap);
    if (n < 0) {
      CHECK(n >= 0);
      snap[0] = '\0';
      return snap;
    }
    if ((size_t)n < cap)
      return snap;
    free(snap);
    cap = (size_t)n + 64;
  }
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int ready_pair[2];

static void version_is_semver(void) {
  int a, b, c;
  char tail;
  CHECK(sscanf(shimwatch_version(), "%d.%d.%d%c", &a, &b, &c, &tail) == 3);
  CHECK(shimwatch_enabled() == 1);
}

static void snapshot_follows_the_snprintf_convention(void) {
  shimwatch_reset();
  long need = shimwatch_snapshot(NULL, 0);
  CHECK(need > 50);
  char small[16];
  memset(small, 'x', sizeof small);
  CHECK_EQ_LONG(shimwatch_snapshot(small, sizeof small), need);
  CHECK_EQ_LONG(strlen(small), sizeof small - 1);
  CHECK(strncmp(small, "{\"format\":\"shim", 15) == 0);
  errno = 0;
  CHECK_EQ_LONG(shimwatch_snapshot(NULL, 10), -1);
  CHECK_EQ_LONG(errno, EINVAL);
  const char *s = snapshot();
  CHECK_EQ_LONG((long)strlen(s), need);
}

static void snapshot_header_describes_this_process(void) {
  const char *s = snapshot();
  CHECK(json_valid(s));
  char str[PATH_MAX];
  CHECK(json_str(JGET(s, "format"), str, sizeof str) && strcmp(str, "shimwatch-snapshot") == 0);
  CHECK_EQ_LONG(JNUM(s, "formatVersion"), 1);
  CHECK(json_str(JGET(s, "shimVersion"), str, sizeof str) && strcmp(str, shimwatch_version()) == 0);
  CHECK_EQ_LONG(JNUM(s, "pid"), getpid());
  long long started = JNUM(s, "startedAtMs"), written = JNUM(s, "writtenAtMs");
  CHECK(started > 1500000000000ll && written >= started);
  CHECK(JNUM(s, "durationMs") >= 0);
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = '\0';
  CHECK(json_str(JGET(s, "exe"), str, sizeof str) && strcmp(str, exe) == 0);
}

static void reset_forgets_everything(void) {
  struct pollfd p = {.fd = ready_pair[1], .events = POLLIN};
  CHECK_EQ_LONG(poll(&p, 1, 0), 1);
  CHECK(JNUM(snapshot(), "calls", "poll", "count") >= 1);
  shimwatch_reset();
  const char *s = snapshot();
  CHECK(strstr(s, "\"calls\":{}") != NULL);
}

static void a_ready_poll_is_counted_in_full(void) {
  shimwatch_reset();
  struct pollfd p = {.fd = ready_pair[1], .events = POLLIN};
  for (int i = 0; i < 3; i++)
    CHECK_EQ_LONG(poll(&p, 1, 0), 1);
  const char *s = snapshot();
  CHECK(json_valid(s));
  const char *c = JGET(s, "calls", "poll");
  CHECK_EQ_LONG(JNUM(c, "count"), 3);
  CHECK_EQ_LONG(JNUM(c, "results", "ready"), 3);
  CHECK_EQ_LONG(JNUM(c, "results", "timeout"), 0);
  CHECK_EQ_LONG(JNUM(c, "results", "interrupted"), 0);
  CHECK_EQ_LONG(JNUM(c, "results", "error"), 0);
  CHECK(JGET(c, "errors") == NULL);
  CHECK_EQ_LONG(json_hist_total(JGET(c, "latency")), 3);
  CHECK(JNUM(c, "latency", "maxNs") > 0);
  CHECK(JGET(c, "timeoutOvershoot") == NULL);
  CHECK_EQ_LONG(JNUM(c, "anomalies", "zeroTimeoutCalls"), 3);
  CHECK_EQ_LONG(JNUM(c, "anomalies", "maxNfds"), 1);
  CHECK_EQ_LONG(JNUM(c, "anomalies", "fdAboveSetsize"), 0);
  CHECK_EQ_LONG(JNUM(c, "anomalies", "nonSocketFds"), 0);
  /* Kinds that were not called are left out. */
  CHECK(JGET(s, "calls", "select") == NULL);
  CHECK(JGET(s, "calls", "epoll_wait") == NULL);
}

static void a_timeout_records_its_overshoot(void) {
  shimwatch_reset();
  int idle[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, idle) == 0);
  struct pollfd p = {.fd = idle[0], .events = POLLIN};
  double t0 = now_s();
  CHECK_EQ_LONG(poll(&p, 1, 20), 0);
  CHECK_EQ_LONG(poll(&p, 1, 20), 0);
  double wall = now_s() - t0;
  const char *c = JGET(snapshot(), "calls", "poll");
  CHECK_EQ_LONG(JNUM(c, "results", "timeout"), 2);
  CHECK_EQ_LONG(JNUM(c, "anomalies", "zeroTimeoutCalls"), 0);
  CHECK_EQ_LONG(json_hist_total(JGET(c, "timeoutOvershoot")), 2);
  long long max = JNUM(c, "latency", "maxNs");
  CHECK(max >= 20000000 && max <= (long long)(wall * 1e9));
  CHECK(JNUM(c, "timeoutOvershoot", "maxNs") <= max - 20000000);
  close(idle[0]);
  close(idle[1]);
}

static void errors_are_counted_by_name(void) {
  shimwatch_reset();
  /* Through a volatile so the compiler does not see (and reject) the bad pointer. */
  struct pollfd *volatile bad = (struct pollfd *)8;
  errno = 0;
  CHECK_EQ_LONG(poll(bad, 1, 0), -1);
  CHECK_EQ_LONG(errno, EFAULT);
  CHECK_EQ_LONG(select(-1, NULL, NULL, NULL, NULL), -1);
  CHECK_EQ_LONG(errno, EINVAL);
  struct epoll_event ev;
  CHECK_EQ_LONG(epoll_wait(-1, &ev, 1, 0), -1);
  CHECK_EQ_LONG(errno, EBADF);
  const char *s = snapshot();
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "results", "error"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "errors", "EFAULT"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "select", "errors", "EINVAL"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "epoll_wait", "errors", "EBADF"), 1);
}

static void on_alarm(int sig) {
  (void)sig;
}

static void an_interrupted_call_is_not_an_error(void) {
  shimwatch_reset();
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm; /* no SA_RESTART: the call fails with EINTR */
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = {.it_value = {0, 20000}};
  setitimer(ITIMER_REAL, &it, NULL);
  errno = 0;
  CHECK_EQ_LONG(poll(NULL, 0, 2000), -1);
  CHECK_EQ_LONG(errno, EINTR);
  const char *c = JGET(snapshot(), "calls", "poll");
  CHECK_EQ_LONG(JNUM(c, "results", "interrupted"), 1);
  CHECK_EQ_LONG(JNUM(c, "results", "error"), 0);
  CHECK(JGET(c, "errors") == NULL);
  signal(SIGALRM, SIG_DFL);
}

static void every_kind_is_counted_under_its_name(void) {
  shimwatch_reset();
  int fd = ready_pair[1];
  fd_set r;
  FD_ZERO(&r);
  FD_SET(fd, &r);
  struct timeval tv = {0, 0};
  CHECK_EQ_LONG(select(fd + 1, &r, NULL, NULL, &tv), 1);
  FD_ZERO(&r);
  FD_SET(fd, &r);
  struct timespec ts = {0, 0};
  CHECK_EQ_LONG(pselect(fd + 1, &r, NULL, NULL, &ts, NULL), 1);
  struct pollfd p = {.fd = fd, .events = POLLIN};
  CHECK_EQ_LONG(poll(&p, 1, 0), 1);
  CHECK_EQ_LONG(ppoll(&p, 1, &ts, NULL), 1);
  CHECK_EQ_LONG(__poll_chk(&p, 1, 0, sizeof p), 1);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd}, out[4];
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
  CHECK_EQ_LONG(epoll_wait(ep, out, 4, 0), 1);
  CHECK_EQ_LONG(epoll_pwait(ep, out, 4, 0, NULL), 1);
  close(ep);
  const char *s = snapshot();
  CHECK(json_valid(s));
  CHECK_EQ_LONG(JNUM(s, "calls", "select", "count"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "pselect", "count"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "count"), 2); /* poll and __poll_chk */
  CHECK_EQ_LONG(JNUM(s, "calls", "ppoll", "count"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "epoll_wait", "count"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "epoll_pwait", "count"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "select", "anomalies", "maxNfds"), fd + 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "epoll_wait", "anomalies", "maxNfds"), 4);
}

static void select_above_fd_setsize_is_counted_not_fatal(void) {
  shimwatch_reset();
  /* The caller owns sets big enough for nfds, as a program using larger sets would. */
  fd_set big[2];
  memset(big, 0, sizeof big);
  FD_SET(ready_pair[1], &big[0]);
  struct timeval tv = {0, 0};
  CHECK_EQ_LONG(select(FD_SETSIZE + 1, &big[0], NULL, NULL, &tv), 1);
  const char *c = JGET(snapshot(), "calls", "select");
  CHECK_EQ_LONG(JNUM(c, "anomalies", "fdAboveSetsize"), 1);
  CHECK_EQ_LONG(JNUM(c, "anomalies", "maxNfds"), FD_SETSIZE + 1);
}

static void waiting_on_files_and_pipes_is_noticed(void) {
  int p[2];
  CHECK(pipe(p) == 0);
  CHECK(write(p[1], "x", 1) == 1);
  int file = open("/proc/self/exe", O_RDONLY);
  CHECK(file >= 0);

  shimwatch_reset(); /* also makes the next call of each kind due for sampling */
  struct pollfd pf = {.fd = p[0], .events = POLLIN};
  CHECK_EQ_LONG(poll(&pf, 1, 0), 1);
  fd_set r;
  FD_ZERO(&r);
  FD_SET(file, &r);
  struct timeval tv = {0, 0};
  CHECK_EQ_LONG(select(file + 1, &r, NULL, NULL, &tv), 1);
  const char *s = snapshot();
  CHECK_EQ_LONG(JNUM(s, "calls", "poll", "anomalies", "nonSocketFds"), 1);
  CHECK_EQ_LONG(JNUM(s, "calls", "select", "anomalies", "nonSocketFds"), 1);

  /* Sockets only: nothing to report. */
  shimwatch_reset();
  struct pollfd ps = {.fd = ready_pair[1], .events = POLLIN};
  CHECK_EQ_LONG(poll(&ps, 1, 0), 1);
  CHECK_EQ_LONG(JNUM(snapshot(), "calls", "poll", "anomalies", "nonSocketFds"), 0);
  close(p[0]);
  close(p[1]);
  close(file);
}

static void errno_is_untouched_on_success(void) {
  struct pollfd p = {.fd = ready_pair[1], .events = POLLIN};
  errno = 1234;
  CHECK_EQ_LONG(poll(&p, 1, 0), 1);
  CHECK_EQ_LONG(errno, 1234);
  shimwatch_reset();
  int pp[2];
  CHECK(pipe(pp) == 0);
  struct pollfd q = {.fd = pp[0], .events = POLLIN};
  errno = 4321; /* the sampling fstat runs on this call */
  CHECK_EQ_LONG(poll(&q, 1, 0), 0);
  CHECK_EQ_LONG(errno, 4321);
  close(pp[0]);
  close(pp[1]);
}

static void latency_sums_fit_in_wall_time(void) {
  shimwatch_reset();
  double t0 = now_s();
  for (int i = 0; i < 5; i++)
    poll(NULL, 0, 5);
  double wall = now_s() - t0;
  const char *h = JGET(snapshot(), "calls", "poll", "latency", "buckets");
  /* Midpoints are within 1/32 of the values, so the estimate is within 1/32 of the
   * true sum, which cannot exceed the wall time. */
  double sum = 0;
  for (int i = 0; i < 720; i++) {
    char key[8];
    snprintf(key, sizeof key, "%d", i);
    long long n = json_num(json_get(h, key));
    if (n <= 0)
      continue;
    double lo, w;
    if (i < 16) {
      lo = i;
      w = 0;
    } else {
      int e = i / 16 + 3, m = i % 16;
      w = ldexp(1.0, e - 4);
      lo = (16 + m) * w;
    }
    sum += (double)n * (lo + w / 2);
  }
  CHECK(sum >= 5 * 5e6 * (1 - 1.0 / 32));
  CHECK(sum <= wall * 1e9 * (1 + 1.0 / 32));
}

static int spool_files(const char *prefix, char *found, size_t n) {
  const char *dir = getenv("SHIMWATCH_SPOOL");
  DIR *d = dir ? opendir(dir) : NULL;
  int count = 0;
  if (d == NULL)
    return 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
      snprintf(found, n, "%s/%s", dir, e->d_name);
      count++;
    }
  }
  closedir(d);
  return count;
}

static void flush_writes_the_snapshot_file(void) {
  if (getenv("SHIMWATCH_SPOOL") == NULL) {
    CHECK(!"the runner sets SHIMWATCH_SPOOL");
    return;
  }
  shimwatch_reset();
  struct pollfd p = {.fd = ready_pair[1], .events = POLLIN};
  poll(&p, 1, 0);
  CHECK_EQ_LONG(shimwatch_flush(), 0);
  char prefix[64], path[PATH_MAX];
  snprintf(prefix, sizeof prefix, "snapshot-%d-", (int)getpid());
  CHECK_EQ_LONG(spool_files(prefix, path, sizeof path), 1);
  CHECK_EQ_LONG(spool_files(".snapshot", path + 0, 0), 0); /* no temp file left behind */
  spool_files(prefix, path, sizeof path);
  char *doc = read_file(path);
  CHECK(doc != NULL && json_valid(doc));
  CHECK_EQ_LONG(JNUM(doc, "calls", "poll", "count"), 1);
  free(doc);
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, ready_pair) != 0 || write(ready_pair[0], "x", 1) != 1)
    return 2;
  RUN(version_is_semver);
  RUN(snapshot_follows_the_snprintf_convention);
  RUN(snapshot_header_describes_this_process);
  RUN(reset_forgets_everything);
  RUN(a_ready_poll_is_counted_in_full);
  RUN(a_timeout_records_its_overshoot);
  RUN(errors_are_counted_by_name);
  RUN(an_interrupted_call_is_not_an_error);
  RUN(every_kind_is_counted_under_its_name);
  RUN(select_above_fd_setsize_is_counted_not_fatal);
  RUN(waiting_on_files_and_pipes_is_noticed);
  RUN(errno_is_untouched_on_success);
  RUN(latency_sums_fit_in_wall_time);
  RUN(flush_writes_the_snapshot_file);
  free(snap);
  return finish_cases();
}
