/*
 * The self-tests' parts, compiled together with the library's sources: the result
 * and its JSON form, and each check's core driven into the outcomes the real machine
 * does not produce (a descriptor that is not ready, a blocked signal, a child without
 * the socket, a descriptor the reader forgot), so that "fail" and "known-limitation"
 * are shown to be reachable, and with small parameters, so that this stays quick.
 */
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "selftest.h"
#include "shimwatch.h"

static char json[SHIMWATCH_SELFTEST_JSON_MAX];

static const char *render(const struct sw_st *st, const char *id) {
  int n = sw_st_json(st, id, 12, json, sizeof json);
  CHECK(n > 0 && (size_t)n < sizeof json);
  return json;
}

static int result_is(const struct sw_st *st, enum sw_st_result expected) {
  if (st->result != expected)
    fprintf(stderr, "  result %s: %s\n", sw_st_result_name(st->result), st->summary);
  return st->result == expected;
}

static double value_of(const struct sw_st *st, const char *name) {
  for (int i = 0; i < st->nvalues; i++)
    if (strcmp(st->values[i].name, name) == 0)
      return st->values[i].value;
  return NAN;
}

/* ---- the result ---- */

static void an_undecided_check_is_a_failure(void) {
  struct sw_st st;
  sw_st_init(&st);
  CHECK(strcmp(render(&st, "x"),
               "{\"id\":\"x\",\"result\":\"fail\",\"summary\":\"the check did not "
               "finish\",\"durationMs\":12,\"values\":{}}") == 0);
}

static void the_json_is_exactly_the_contract_shape(void) {
  struct sw_st st;
  sw_st_init(&st);
  sw_st_set(&st, SW_ST_KNOWN_LIMITATION, "a \"quoted\" %s", "word");
  sw_st_value(&st, "overshootP50Us", 71.2);
  sw_st_value(&st, "count", 3);
  sw_st_value(&st, "small", 0.0004);
  sw_st_value(&st, "rounded", 0.0005);
  sw_st_value(&st, "negative", -2.5);
  sw_st_value(&st, "big", 8872660588.0);
  sw_st_value(&st, "huge", 1e300); /* dropped: no exponents on the wire */
  CHECK(
      strcmp(render(&st, "timeout-accuracy"),
             "{\"id\":\"timeout-accuracy\",\"result\":\"known-limitation\",\"summary\":\"a "
             "\\\"quoted\\\" word\",\"durationMs\":12,\"values\":{\"overshootP50Us\":71.2,"
             "\"count\":3,\"small\":0,\"rounded\":0.001,\"negative\":-2.5,\"big\":8872660588}}") ==
      0);
  CHECK(json_valid(json));
  CHECK(strcmp(sw_st_result_name(SW_ST_PASS), "pass") == 0);
  CHECK(strcmp(sw_st_result_name(SW_ST_SKIPPED), "skipped") == 0);
}

static void values_outside_the_contract_are_dropped(void) {
  struct sw_st st;
  sw_st_init(&st);
  char long_name[66];
  memset(long_name, 'a', 65);
  long_name[65] = '\0';
  sw_st_value(&st, "", 1);
  sw_st_value(&st, "9lives", 1);
  sw_st_value(&st, "with-dash", 1);
  sw_st_value(&st, long_name, 1);
  sw_st_value(&st, "notANumber", NAN);
  sw_st_value(&st, "infinite", INFINITY);
  sw_st_value(&st, "tooLarge", -1e18);
  CHECK_EQ_LONG(st.nvalues, 0);
  long_name[64] = '\0';
  sw_st_value(&st, long_name, 1); /* 64 characters is the most allowed */
  sw_st_value(&st, "again", 1);
  sw_st_value(&st, "again", 2); /* replaces */
  CHECK_EQ_LONG(st.nvalues, 2);
  CHECK(value_of(&st, "again") == 2);
  for (int i = 0; i < 40; i++) {
    char name[16];
    snprintf(name, sizeof name, "v%d", i);
    sw_st_value(&st, name, i);
  }
  CHECK_EQ_LONG(st.nvalues, SW_ST_VALUES_MAX);
}

static void the_largest_result_fits_the_documented_buffer(void) {
  struct sw_st st;
  sw_st_init(&st);
  /* 500 control characters, each escaped to six: the longest summary there is. */
  char summary[SW_ST_SUMMARY_MAX + 100];
  memset(summary, '\x01', sizeof summary - 1);
  summary[sizeof summary - 1] = '\0';
  sw_st_set(&st, SW_ST_FAIL, "%s", summary);
  CHECK_EQ_LONG(strlen(st.summary), SW_ST_SUMMARY_MAX);
  for (int i = 0; i < SW_ST_VALUES_MAX; i++) {
    char name[SW_ST_NAME_MAX + 1];
    snprintf(name, sizeof name, "v%063d", i);
    sw_st_value(&st, name, -1234567890123.456);
  }
  char id[65];
  memset(id, 'a', 64);
  id[64] = '\0';
  int n = sw_st_json(&st, id, UINT64_MAX, NULL, 0);
  CHECK(n > 5000 && n < SHIMWATCH_SELFTEST_JSON_MAX);
  /* snprintf's convention: a short buffer gets a cut, terminated prefix. */
  char small[10];
  CHECK_EQ_LONG(sw_st_json(&st, id, 0, small, sizeof small), n - 19); /* durationMs 0 */
  CHECK(strcmp(small, "{\"id\":\"aa") == 0);
}

static void fd_sets_of_any_size(void) {
  struct sw_fdset s;
  CHECK(sw_fdset_alloc(&s, 1) == 0);
  CHECK(s.nwords * sizeof(fd_mask) >= sizeof(fd_set));
  sw_fdset_free(&s);
  CHECK(sw_fdset_alloc(&s, 5000) == 0);
  CHECK(s.nwords * sizeof(fd_mask) * 8 >= 5000);
  sw_fdset_set(&s, 4999);
  sw_fdset_set(&s, 0);
  CHECK(sw_fdset_isset(&s, 4999) && sw_fdset_isset(&s, 0) && !sw_fdset_isset(&s, 4998));
  sw_fdset_zero(&s);
  CHECK(!sw_fdset_isset(&s, 4999));
  sw_fdset_free(&s);
}

static void the_descriptor_limit_is_raised_only_within_the_hard_limit(void) {
  struct rlimit now, saved;
  getrlimit(RLIMIT_NOFILE, &now);
  CHECK_EQ_LONG(sw_st_nofile_at_least(now.rlim_cur, &saved), 0);
  if (now.rlim_max != RLIM_INFINITY)
    CHECK_EQ_LONG(sw_st_nofile_at_least(now.rlim_max + 1, &saved), -1);
  if (now.rlim_cur > 64 && now.rlim_cur != RLIM_INFINITY) {
    struct rlimit lower = {now.rlim_cur - 32, now.rlim_max};
    CHECK(setrlimit(RLIMIT_NOFILE, &lower) == 0);
    CHECK_EQ_LONG(sw_st_nofile_at_least(now.rlim_cur, &saved), 1);
    struct rlimit raised;
    getrlimit(RLIMIT_NOFILE, &raised);
    CHECK_EQ_LONG(raised.rlim_cur, now.rlim_cur);
    sw_st_nofile_restore(&saved);
    getrlimit(RLIMIT_NOFILE, &raised);
    CHECK_EQ_LONG(raised.rlim_cur, lower.rlim_cur);
    setrlimit(RLIMIT_NOFILE, &now);
  }
}

/* ---- the cores, made to fail ---- */

static int pair[2];

static void readiness_fails_on_a_descriptor_with_nothing_pending(void) {
  struct sw_st st;
  sw_st_init(&st);
  sw_readiness_core(&st, pair[1], 50); /* nothing was written */
  CHECK(result_is(&st, SW_ST_FAIL));
  CHECK(strstr(st.summary, "did not report pending data") != NULL);
  sw_st_init(&st);
  CHECK(write(pair[0], "x", 1) == 1);
  sw_readiness_core(&st, pair[1], 50);
  CHECK(result_is(&st, SW_ST_PASS));
  char byte;
  CHECK(read(pair[1], &byte, 1) == 1);
  sw_st_init(&st);
  sw_readiness_core(&st, 1000000, 50); /* not a descriptor at all */
  CHECK(result_is(&st, SW_ST_FAIL));
}

static void timeouts_fail_when_the_socket_is_ready(void) {
  struct sw_st st;
  sw_st_init(&st);
  CHECK(write(pair[0], "x", 1) == 1);
  sw_timeout_core(&st, pair[1], 3, 10);
  CHECK(result_is(&st, SW_ST_FAIL));
  CHECK(strstr(st.summary, "reported an idle socket ready") != NULL);
  char byte;
  CHECK(read(pair[1], &byte, 1) == 1);
  sw_st_init(&st);
  sw_timeout_core(&st, pair[1], 3, 2);
  CHECK(result_is(&st, SW_ST_PASS));
  CHECK_EQ_LONG(value_of(&st, "callsPerKind"), 3);
  CHECK(value_of(&st, "selectOvershootP99Us") >= value_of(&st, "selectOvershootP50Us"));
}

static void many_descriptors_notice_a_wrong_answer(void) {
  int a[2], b[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, a) == 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, b) == 0);
  CHECK(write(b[1], "x", 1) == 1); /* b[0] readable */
  int fds[4] = {a[0], a[1], b[0], b[1]};
  unsigned char right[4] = {0, 0, 1, 0}, wrong[4] = {1, 0, 1, 0};
  struct sw_many_round r;
  sw_many_round(fds, right, 4, &r);
  CHECK_EQ_LONG(r.selected, 1);
  CHECK_EQ_LONG(r.select_checked, 4);
  CHECK_EQ_LONG(r.select_mismatches + r.poll_mismatches, 0);
  sw_many_round(fds, wrong, 4, &r);
  CHECK_EQ_LONG(r.select_mismatches, 1);
  CHECK_EQ_LONG(r.poll_mismatches, 1);
  int both[4] = {a[0], a[1], b[0], b[1]};
  sw_st_close_all(both, 4);
  CHECK_EQ_LONG(both[0], -1);
}

static void non_socket_verdicts(void) {
  /* idle, data, write through the shim; the same without it */
  struct sw_nonsocket_probe socket_like = {0, 1, 1, 0, 1, 1};
  struct sw_nonsocket_probe always_ready = {1, 1, 1, 1, 1, 1};
  struct sw_nonsocket_probe never_readable = {0, 0, 1, 0, 0, 1};
  struct sw_nonsocket_probe refused = {-EBADF, -EBADF, -EBADF, -EBADF, -EBADF, -EBADF};
  struct sw_nonsocket_probe changed = {0, 0, 1, 0, 1, 1};
  struct sw_nonsocket_probe changed_error = {-ENOTSOCK, 1, 1, 0, 1, 1};
  CHECK_EQ_LONG(sw_nonsocket_classify(&socket_like), SW_NS_LIKE_SOCKET);
  CHECK_EQ_LONG(sw_nonsocket_classify(&always_ready), SW_NS_DIFFERS);
  CHECK_EQ_LONG(sw_nonsocket_classify(&never_readable), SW_NS_DIFFERS);
  CHECK_EQ_LONG(sw_nonsocket_classify(&refused), SW_NS_REFUSED);
  CHECK_EQ_LONG(sw_nonsocket_classify(&changed), SW_NS_SHIM_CHANGED_IT);
  CHECK_EQ_LONG(sw_nonsocket_classify(&changed_error), SW_NS_SHIM_CHANGED_IT);
}

static void a_child_without_the_socket_is_a_known_limitation(void) {
  struct sw_st st;
  sw_st_init(&st);
  sw_fork_core(&st, 1);
  CHECK(result_is(&st, SW_ST_KNOWN_LIMITATION));
  CHECK(strstr(st.summary, "cannot use its parent's socket") != NULL);
  CHECK_EQ_LONG(value_of(&st, "childExitCode"), 11);
  sw_st_init(&st);
  sw_fork_core(&st, 0);
  CHECK(result_is(&st, SW_ST_PASS));
  errno = 0;
  CHECK_EQ_LONG(waitpid(-1, NULL, WNOHANG), -1); /* both children reaped */
  CHECK_EQ_LONG(errno, ECHILD);
}

static void a_blocked_signal_cannot_interrupt_and_is_cleaned_up(void) {
  sigset_t mask_before, mask_after, pending;
  pthread_sigmask(SIG_SETMASK, NULL, &mask_before);
  struct sw_st st;
  sw_st_init(&st);
  sw_eintr_core(&st, 1, 100);
  CHECK(result_is(&st, SW_ST_FAIL));
  CHECK(strstr(st.summary, "select() was not interrupted: it returned 0") != NULL);
  CHECK(value_of(&st, "signalsSent") >= 2);
  CHECK_EQ_LONG(value_of(&st, "signalsHandled"), 0);
  /* The queued signals were consumed, the handler and mask restored: a signal of
   * the default disposition pending now would end this process. */
  int sig = (int)value_of(&st, "signal");
  struct sigaction now;
  sigaction(sig, NULL, &now);
  CHECK(now.sa_handler == SIG_DFL);
  pthread_sigmask(SIG_SETMASK, NULL, &mask_after);
  for (int s = 1; s < NSIG; s++)
    CHECK(sigismember(&mask_before, s) == sigismember(&mask_after, s));
  sigpending(&pending);
  CHECK(!sigismember(&pending, sig));

  sw_st_init(&st);
  sw_eintr_core(&st, 0, 500);
  CHECK(result_is(&st, SW_ST_PASS));
}

static void the_signal_is_one_nobody_else_handles(void) {
  /* Taken: the highest real-time signal has a handler; the check picks the next. */
  struct sigaction mine, old;
  memset(&mine, 0, sizeof mine);
  mine.sa_handler = SIG_IGN;
  sigaction(SIGRTMAX, &mine, &old);
  struct sw_st st;
  sw_st_init(&st);
  sw_eintr_core(&st, 0, 500);
  CHECK(result_is(&st, SW_ST_PASS));
  CHECK_EQ_LONG(value_of(&st, "signal"), SIGRTMAX - 1);
  struct sigaction now;
  sigaction(SIGRTMAX, NULL, &now);
  CHECK(now.sa_handler == SIG_IGN);
  sigaction(SIGRTMAX, &old, NULL);
}

static void stress_passes_briefly_and_catches_a_forgotten_descriptor(void) {
  struct sw_st st;
  sw_st_init(&st);
  sw_stress_core(&st, 8, 200, -1);
  CHECK(result_is(&st, SW_ST_PASS));
  CHECK(value_of(&st, "bytes") > 0 && value_of(&st, "bytes") == value_of(&st, "bytesSent"));
  CHECK_EQ_LONG(value_of(&st, "lostWakeups"), 0);
  sw_st_init(&st);
  sw_stress_core(&st, 8, 200, 3);
  CHECK(result_is(&st, SW_ST_FAIL));
  CHECK(value_of(&st, "lostWakeups") > 0);
  CHECK(strstr(st.summary, "lost wake-ups") != NULL);
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
    return 2;
  RUN(an_undecided_check_is_a_failure);
  RUN(the_json_is_exactly_the_contract_shape);
  RUN(values_outside_the_contract_are_dropped);
  RUN(the_largest_result_fits_the_documented_buffer);
  RUN(fd_sets_of_any_size);
  RUN(the_descriptor_limit_is_raised_only_within_the_hard_limit);
  RUN(readiness_fails_on_a_descriptor_with_nothing_pending);
  RUN(timeouts_fail_when_the_socket_is_ready);
  RUN(many_descriptors_notice_a_wrong_answer);
  RUN(non_socket_verdicts);
  RUN(a_child_without_the_socket_is_a_known_limitation);
  RUN(a_blocked_signal_cannot_interrupt_and_is_cleaned_up);
  RUN(the_signal_is_one_nobody_else_handles);
  RUN(stress_passes_briefly_and_catches_a_forgotten_descriptor);
  return finish_cases();
}
