/*
 * The self-test battery through the public API, once, in this process (linked against
 * the shim ahead of libc, as a preloaded client is): every result is a well-formed
 * selfTest object of the report contract, each check gives the result this Linux
 * machine must give, the calls went through the shim, the battery keeps to its time,
 * and the process is left as it was found (descriptors, threads, children, signal
 * dispositions and mask, descriptor limit).
 */
#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "shimwatch.h"

#define MAX_CHECKS 16
#define BATTERY_LIMIT_S 15.0

static int count;
static char results[MAX_CHECKS][SHIMWATCH_SELFTEST_JSON_MAX];
static double battery_s;

/* What the process looked like before the battery. */
static int fds_before, threads_before;
static struct rlimit nofile_before;
static struct sigaction rt_before[64];
static sigset_t mask_before;
static char *snapshot_after;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  while (d != NULL && (e = readdir(d)) != NULL)
    n += e->d_name[0] != '.';
  if (d != NULL)
    closedir(d);
  return n;
}

static const char *result_of(const char *id) {
  for (int i = 0; i < count; i++)
    if (strcmp(shimwatch_selftest_id(i), id) == 0)
      return results[i];
  return NULL;
}

static int str_is(const char *json_value, const char *expected) {
  char s[600];
  return json_str(json_value, s, sizeof s) && strcmp(s, expected) == 0;
}

/* A value of the "values" object as a double; NAN when absent. */
static double value_of(const char *doc, const char *name) {
  const char *v = JGET(doc, "values", name);
  return v != NULL ? strtod(v, NULL) : NAN;
}

static int matches_name(const char *s, size_t n, int id) {
  if (n == 0 || n > 64)
    return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    int ok =
        id ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && c == '-')
           : (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
    if (!ok)
      return 0;
  }
  return 1;
}

static void take_snapshot_after(void) {
  long n = shimwatch_snapshot(NULL, 0);
  snapshot_after = malloc((size_t)n + 4096);
  shimwatch_snapshot(snapshot_after, (size_t)n + 4096);
}

static void run_battery(void) {
  fds_before = entries("/proc/self/fd");
  threads_before = entries("/proc/self/task");
  getrlimit(RLIMIT_NOFILE, &nofile_before);
  for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
    sigaction(s, NULL, &rt_before[s - SIGRTMIN]);
  pthread_sigmask(SIG_SETMASK, NULL, &mask_before);
  shimwatch_reset();

  count = shimwatch_selftest_count();
  double start = now_s();
  for (int i = 0; i < count && i < MAX_CHECKS; i++) {
    double t0 = now_s();
    shimwatch_selftest_run(i, results[i], sizeof results[i]);
    /* One line per check as it goes, like shimwatch doctor; not a PASS/FAIL line. */
    printf("  %-20s %4.0f ms  %s\n", shimwatch_selftest_id(i), (now_s() - t0) * 1000, results[i]);
    fflush(stdout);
  }
  battery_s = now_s() - start;
  printf("  battery: %d checks in %.2f s\n", count, battery_s);
  take_snapshot_after();
}

/* ---- the API ---- */

static void the_api_lists_nine_checks_with_ids_titles_and_budgets(void) {
  CHECK_EQ_LONG(count, 9);
  int budgets = 0;
  for (int i = 0; i < count; i++) {
    const char *id = shimwatch_selftest_id(i);
    CHECK(id != NULL && matches_name(id, strlen(id), 1));
    CHECK(shimwatch_selftest_title(i) != NULL && strlen(shimwatch_selftest_title(i)) > 10);
    CHECK(shimwatch_selftest_budget_ms(i) > 0);
    budgets += shimwatch_selftest_budget_ms(i);
    for (int j = 0; j < i; j++)
      CHECK(strcmp(id, shimwatch_selftest_id(j)) != 0);
  }
  /* Even when every wait times out, the battery ends within the 15 s. */
  CHECK(budgets <= 15000);
  CHECK(shimwatch_selftest_id(-1) == NULL && shimwatch_selftest_id(count) == NULL);
  CHECK(shimwatch_selftest_title(count) == NULL);
  CHECK_EQ_LONG(shimwatch_selftest_budget_ms(count), -1);
  const char *order[] = {"select-readiness", "timeout-accuracy",  "nonblocking-connect",
                         "many-descriptors", "select-fd-setsize", "select-non-socket",
                         "fork-inheritance", "select-eintr",      "bittorrent-stress"};
  for (int i = 0; i < 9 && i < count; i++)
    CHECK(strcmp(shimwatch_selftest_id(i), order[i]) == 0);
}

static void bad_arguments_are_refused_and_short_buffers_cut(void) {
  char buf[16];
  errno = 0;
  CHECK_EQ_LONG(shimwatch_selftest_run(-1, buf, sizeof buf), -1);
  CHECK_EQ_LONG(errno, EINVAL);
  errno = 0;
  CHECK_EQ_LONG(shimwatch_selftest_run(count, buf, sizeof buf), -1);
  CHECK_EQ_LONG(errno, EINVAL);
  errno = 0;
  CHECK_EQ_LONG(shimwatch_selftest_run(0, NULL, 5), -1);
  CHECK_EQ_LONG(errno, EINVAL);
  /* select-readiness is instant: run it for the size, then into a short buffer. */
  errno = 1234;
  int need = shimwatch_selftest_run(0, NULL, 0);
  CHECK_EQ_LONG(errno, 1234);
  CHECK(need > 100 && need < SHIMWATCH_SELFTEST_JSON_MAX);
  memset(buf, 'x', sizeof buf);
  int n = shimwatch_selftest_run(0, buf, sizeof buf);
  CHECK(n > 100);
  CHECK_EQ_LONG(strlen(buf), sizeof buf - 1);
  CHECK(strcmp(buf, "{\"id\":\"select-r") == 0);
}

/* ---- every result fits the contract ---- */

static void every_result_is_a_contract_self_test_object(void) {
  for (int i = 0; i < count; i++) {
    const char *r = results[i];
    CHECK(json_valid(r));
    CHECK(str_is(JGET(r, "id"), shimwatch_selftest_id(i)));
    char result[32];
    CHECK(json_str(JGET(r, "result"), result, sizeof result));
    CHECK(strcmp(result, "pass") == 0 || strcmp(result, "fail") == 0 ||
          strcmp(result, "known-limitation") == 0 || strcmp(result, "skipped") == 0);
    char summary[600];
    CHECK(json_str(JGET(r, "summary"), summary, sizeof summary));
    CHECK(strlen(summary) > 10 && strlen(summary) <= 500);
    CHECK(JNUM(r, "durationMs") >= 0);
    CHECK(JNUM(r, "durationMs") <= shimwatch_selftest_budget_ms(i));
    /* Exactly these five keys, values within the contract's limits. */
    int keys = 0;
    const char *p = json_skip_ws(r + 1);
    while (*p == '"') {
      const char *kend = json_skip_string(p);
      keys++;
      p = json_skip_ws(json_skip_value(json_skip_ws(kend) + 1));
      if (*p == ',')
        p = json_skip_ws(p + 1);
    }
    CHECK_EQ_LONG(keys, 5);
    const char *values = JGET(r, "values");
    CHECK(values != NULL && *values == '{');
    int nvalues = 0;
    p = values ? json_skip_ws(values + 1) : "";
    while (*p == '"') {
      const char *kend = json_skip_string(p);
      CHECK(matches_name(p + 1, (size_t)(kend - p - 2), 0));
      const char *v = json_skip_ws(json_skip_ws(kend) + 1);
      CHECK(*v == '-' || (*v >= '0' && *v <= '9'));
      nvalues++;
      p = json_skip_ws(json_skip_value(v));
      if (*p == ',')
        p = json_skip_ws(p + 1);
    }
    CHECK(nvalues <= 32);
  }
}

/* ---- each check's result on this Linux machine ---- */

static void readiness_passes(void) {
  const char *r = result_of("select-readiness");
  CHECK(str_is(JGET(r, "result"), "pass"));
  CHECK(value_of(r, "selectUs") < 100000 && value_of(r, "pollUs") < 100000);
}

static void timeouts_pass_and_are_measured(void) {
  const char *r = result_of("timeout-accuracy");
  CHECK(str_is(JGET(r, "result"), "pass"));
  CHECK_EQ_LONG(value_of(r, "earlyReturns"), 0);
  CHECK_EQ_LONG(value_of(r, "callsPerKind"), 50);
  CHECK(value_of(r, "selectOvershootP50Us") <= value_of(r, "selectOvershootP99Us"));
  CHECK(value_of(r, "pollOvershootP99Us") <= value_of(r, "pollOvershootMaxUs"));
  CHECK(JNUM(r, "durationMs") >= 1000); /* 100 calls of at least 10 ms */
}

static void nonblocking_connect_passes(void) {
  const char *r = result_of("nonblocking-connect");
  CHECK(str_is(JGET(r, "result"), "pass"));
  CHECK(value_of(r, "connectUs") >= 0);
}

static void many_descriptors_pass(void) {
  const char *r = result_of("many-descriptors");
  CHECK(str_is(JGET(r, "result"), "pass"));
  CHECK_EQ_LONG(value_of(r, "sockets"), 256);
  CHECK_EQ_LONG(value_of(r, "selectChecked"), 256);
  CHECK(value_of(r, "readable") > 0);
  CHECK_EQ_LONG(value_of(r, "selectMismatches") + value_of(r, "pollMismatches"), 0);
}

static void fd_setsize_passes_and_is_counted(void) {
  const char *r = result_of("select-fd-setsize");
  CHECK(str_is(JGET(r, "result"), "pass"));
  CHECK(value_of(r, "fd") >= FD_SETSIZE);
  CHECK_EQ_LONG(value_of(r, "nfds"), value_of(r, "fd") + 1);
  CHECK(value_of(r, "fdAboveSetsizeCounted") >= 1);
  /* The shim's own counter says the same. */
  CHECK(JNUM(snapshot_after, "calls", "select", "anomalies", "fdAboveSetsize") >= 1);
}

static void non_sockets_are_a_known_limitation_for_files_only(void) {
  const char *r = result_of("select-non-socket");
  CHECK(str_is(JGET(r, "result"), "known-limitation"));
  CHECK_EQ_LONG(value_of(r, "kindsTested"), 3);
  CHECK_EQ_LONG(value_of(r, "fileLikeSocket"), 0);
  CHECK_EQ_LONG(value_of(r, "pipeLikeSocket"), 1);
  CHECK_EQ_LONG(value_of(r, "ttyLikeSocket"), 1);
  CHECK_EQ_LONG(value_of(r, "shimDifferences"), 0);
  char summary[600];
  CHECK(json_str(JGET(r, "summary"), summary, sizeof summary));
  CHECK(strncmp(summary, "a regular file is reported readable with nothing to read", 56) == 0);
}

static void fork_inheritance_passes(void) {
  const char *r = result_of("fork-inheritance");
  CHECK(str_is(JGET(r, "result"), "pass"));
  CHECK_EQ_LONG(value_of(r, "childExitCode"), 0);
}

static void eintr_passes(void) {
  const char *r = result_of("select-eintr");
  CHECK(str_is(JGET(r, "result"), "pass"));
  CHECK(value_of(r, "signal") >= SIGRTMIN && value_of(r, "signal") <= SIGRTMAX);
  CHECK(value_of(r, "signalsHandled") >= 2);
  CHECK(value_of(r, "selectInterruptedAfterUs") < 500000);
  /* The shim counted both as interrupted, not as errors. */
  CHECK(JNUM(snapshot_after, "calls", "select", "results", "interrupted") >= 1);
  CHECK(JNUM(snapshot_after, "calls", "poll", "results", "interrupted") >= 1);
}

static void stress_passes_without_lost_wakeups(void) {
  const char *r = result_of("bittorrent-stress");
  CHECK(str_is(JGET(r, "result"), "pass"));
  CHECK_EQ_LONG(value_of(r, "lostWakeups"), 0);
  CHECK_EQ_LONG(value_of(r, "corruptReads"), 0);
  CHECK(value_of(r, "bytes") > 1e6);
  CHECK(value_of(r, "bytes") == value_of(r, "bytesSent"));
  CHECK(value_of(r, "wakeups") > 100);
  CHECK(value_of(r, "selectCalls") > 0 && value_of(r, "pollCalls") > 0);
  CHECK(JNUM(r, "durationMs") >= 2500);
}

/* ---- the battery as a whole ---- */

static void the_calls_went_through_the_shim(void) {
  /* At least the stress check's calls, each counted once. */
  const char *stress = result_of("bittorrent-stress");
  CHECK(JNUM(snapshot_after, "calls", "select", "count") >= value_of(stress, "selectCalls"));
  CHECK(JNUM(snapshot_after, "calls", "poll", "count") >= value_of(stress, "pollCalls"));
  CHECK(JNUM(snapshot_after, "calls", "select", "results", "timeout") >= 50);
}

static void the_battery_keeps_to_its_time(void) {
  CHECK(battery_s < BATTERY_LIMIT_S);
  long long sum = 0;
  for (int i = 0; i < count; i++)
    sum += JNUM(results[i], "durationMs");
  CHECK(sum <= (long long)(battery_s * 1000) + 1);
}

static void the_process_is_left_as_it_was(void) {
  CHECK_EQ_LONG(entries("/proc/self/fd"), fds_before);
  /* A joined thread may stay listed for a moment while the kernel finishes it. */
  for (int i = 0; i < 100 && entries("/proc/self/task") != threads_before; i++)
    usleep(1000);
  CHECK_EQ_LONG(entries("/proc/self/task"), threads_before);
  struct rlimit nofile;
  getrlimit(RLIMIT_NOFILE, &nofile);
  CHECK_EQ_LONG(nofile.rlim_cur, nofile_before.rlim_cur);
  for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
    struct sigaction now;
    sigaction(s, NULL, &now);
    CHECK(now.sa_handler == rt_before[s - SIGRTMIN].sa_handler);
  }
  sigset_t mask, pending;
  pthread_sigmask(SIG_SETMASK, NULL, &mask);
  for (int s = 1; s < NSIG; s++)
    CHECK(sigismember(&mask, s) == sigismember(&mask_before, s));
  sigpending(&pending);
  for (int s = 1; s < NSIG; s++)
    CHECK(!sigismember(&pending, s));
  errno = 0;
  CHECK_EQ_LONG(waitpid(-1, NULL, WNOHANG), -1); /* no child left, not even a zombie */
  CHECK_EQ_LONG(errno, ECHILD);
}

int main(void) {
  run_battery();
  RUN(the_api_lists_nine_checks_with_ids_titles_and_budgets);
  RUN(every_result_is_a_contract_self_test_object);
  RUN(readiness_passes);
  RUN(timeouts_pass_and_are_measured);
  RUN(nonblocking_connect_passes);
  RUN(many_descriptors_pass);
  RUN(fd_setsize_passes_and_is_counted);
  RUN(non_sockets_are_a_known_limitation_for_files_only);
  RUN(fork_inheritance_passes);
  RUN(eintr_passes);
  RUN(stress_passes_without_lost_wakeups);
  RUN(the_calls_went_through_the_shim);
  RUN(the_battery_keeps_to_its_time);
  RUN(the_process_is_left_as_it_was);
  RUN(bad_arguments_are_refused_and_short_buffers_cut);
  free(snapshot_after);
  return finish_cases();
}
