/*
 * The shim in a real process: shim_child runs with libshimwatch.so in LD_PRELOAD and
 * its own spool directory, and the tests look at what it leaves behind (snapshot
 * files, trap records) and at how it ends, compared with the same run without the
 * shim. The runner passes SHIMWATCH_TEST_LIB, SHIMWATCH_TEST_DIR and
 * SHIMWATCH_TEST_WORK; SHIMWATCH_TEST_PRELOAD_FIRST names a library that must come
 * before the shim in LD_PRELOAD (the ASan runtime in sanitized builds).
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static const char *lib, *child, *work;
static char child_path[PATH_MAX];

struct run {
  int status;
  char out[8192];
  char err[8192];
};

/* What goes in the child's LD_PRELOAD: nothing, the shim (after the sanitizer runtime
 * in sanitized builds), or only that runtime (for a child that dlopen()s the shim). */
enum { PRELOAD_NONE, PRELOAD_SHIM, PRELOAD_RUNTIME_ONLY };

/* Environment entries passed to every child on top of the ones a test adds. */
static const char *const passed_through[] = {"PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", NULL};

static void read_all(int fd, char *buf, size_t cap) {
  size_t n = 0;
  ssize_t r;
  while (n < cap - 1 && (r = read(fd, buf + n, cap - 1 - n)) > 0)
    n += (size_t)r;
  buf[n] = '\0';
}

/*
 * Runs shim_child with args, in directory cwd, with env (NULL-terminated "K=V"
 * strings) and, when preload is set, the shim in LD_PRELOAD. Core dumps are allowed
 * so that "dies exactly as it would have" includes them. Waits at most 30 s.
 */
static void run_child(struct run *r, const char *cwd, int preload, const char *const *env,
                      const char *const *args) {
  char *argv[16], *envp[32], preload_var[2 * PATH_MAX + 32];
  int n = 0, e = 0;
  argv[n++] = child_path;
  for (; args[n - 1] != NULL && n < 15; n++)
    argv[n] = (char *)args[n - 1];
  argv[n] = NULL;
  static char kept[8][PATH_MAX + 64];
  for (int i = 0; passed_through[i] != NULL; i++) {
    const char *v = getenv(passed_through[i]);
    if (v != NULL) {
      snprintf(kept[i], sizeof kept[i], "%s=%s", passed_through[i], v);
      envp[e++] = kept[i];
    }
  }
  const char *first = getenv("SHIMWATCH_TEST_PRELOAD_FIRST");
  if (preload == PRELOAD_SHIM) {
    snprintf(preload_var, sizeof preload_var, "LD_PRELOAD=%s%s%s", first ? first : "",
             first ? ":" : "", lib);
    envp[e++] = preload_var;
  } else if (preload == PRELOAD_RUNTIME_ONLY && first != NULL) {
    snprintf(preload_var, sizeof preload_var, "LD_PRELOAD=%s", first);
    envp[e++] = preload_var;
  }
  for (int i = 0; env != NULL && env[i] != NULL && e < 31; i++)
    envp[e++] = (char *)env[i];
  envp[e] = NULL;

  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) {
    r->status = -1;
    return;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    struct rlimit core = {RLIM_INFINITY, RLIM_INFINITY};
    setrlimit(RLIMIT_CORE, &core);
    alarm(30);
    dup2(out[1], 1);
    dup2(err[1], 2);
    if (chdir(cwd) != 0)
      _exit(126);
    execve(child_path, argv, envp);
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  read_all(out[0], r->out, sizeof r->out);
  read_all(err[0], r->err, sizeof r->err);
  close(out[0]);
  close(err[0]);
  waitpid(pid, &r->status, 0);
}

static void make_dir(char *out, size_t n, const char *name) {
  snprintf(out, n, "%s/%s-XXXXXX", work, name);
  if (mkdtemp(out) == NULL)
    out[0] = '\0';
}

/* Number of files in dir starting with prefix; the last one found goes to path. */
static int files(const char *dir, const char *prefix, char *path, size_t n) {
  DIR *d = opendir(dir);
  int count = 0;
  if (d == NULL)
    return 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
      continue;
    count++;
    if (path != NULL)
      snprintf(path, n, "%s/%s", dir, e->d_name);
  }
  closedir(d);
  return count;
}

static char *only_file(const char *dir, const char *prefix) {
  char path[PATH_MAX];
  int n = files(dir, prefix, path, sizeof path);
  CHECK_EQ_LONG(n, 1);
  return n == 1 ? read_file(path) : NULL;
}

static int count_lines(const char *s) {
  int n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

/* ---- snapshots ---- */

static void exit_writes_one_snapshot_file(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32];
  make_dir(spool, sizeof spool, "exit");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  const char *env[] = {var, NULL}, *args[] = {"calls", "5", NULL};
  struct run r;
  run_child(&r, spool, PRELOAD_SHIM, env, args);
  CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
  CHECK(strcmp(r.out, "enabled=1\nshim_child done\n") == 0);
  CHECK_EQ_LONG(strlen(r.err), 0);
  CHECK_EQ_LONG(files(spool, ".", NULL, 0), 2); /* "." and "..": no temp files left */
  char *doc = only_file(spool, "snapshot-");
  CHECK(doc != NULL && json_valid(doc));
  CHECK_EQ_LONG(JNUM(doc, "calls", "poll", "count"), 5);
  char exe[PATH_MAX];
  CHECK(json_str(JGET(doc, "exe"), exe, sizeof exe) && strcmp(exe, child_path) == 0);
  char name[64];
  snprintf(name, sizeof name, "snapshot-%lld-%lld.json", JNUM(doc, "pid"),
           JNUM(doc, "startedAtMs"));
  CHECK_EQ_LONG(files(spool, name, NULL, 0), 1);
  free(doc);
}

static void a_process_without_calls_leaves_no_file(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32];
  make_dir(spool, sizeof spool, "nocalls");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  const char *env[] = {var, NULL}, *args[] = {"calls", "0", NULL};
  struct run r;
  run_child(&r, spool, PRELOAD_SHIM, env, args);
  CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
  CHECK_EQ_LONG(files(spool, "snapshot-", NULL, 0), 0);
}

static void disabled_is_a_pure_pass_through(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32], info[PATH_MAX + 16];
  make_dir(spool, sizeof spool, "disabled");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  snprintf(info, sizeof info, "%s/info", spool);
  const char *env[] = {var, "SHIMWATCH_DISABLE=1", NULL}, *args[] = {"calls", "5", NULL};
  struct run r;
  run_child(&r, spool, PRELOAD_SHIM, env, args);
  CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
  CHECK(strcmp(r.out, "enabled=0\nshim_child done\n") == 0);
  const char *crash_args[] = {"crash", "segv", info, NULL};
  run_child(&r, spool, PRELOAD_SHIM, env, crash_args);
  CHECK(WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGSEGV);
  CHECK_EQ_LONG(files(spool, "snapshot-", NULL, 0), 0);
  CHECK_EQ_LONG(files(spool, "trap-", NULL, 0), 0);
}

static void periodic_flush_writes_while_running(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32];
  make_dir(spool, sizeof spool, "periodic");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  const char *env[] = {var, "SHIMWATCH_FLUSH_SECONDS=1", NULL};
  char *const argv[] = {child_path, "loop", "3000", NULL};
  char preload[2 * PATH_MAX + 32];
  const char *first = getenv("SHIMWATCH_TEST_PRELOAD_FIRST");
  snprintf(preload, sizeof preload, "LD_PRELOAD=%s%s%s", first ? first : "", first ? ":" : "", lib);
  const char *asan = getenv("ASAN_OPTIONS");
  char asan_var[512];
  snprintf(asan_var, sizeof asan_var, "ASAN_OPTIONS=%s", asan ? asan : "");
  char *envp[] = {(char *)env[0], (char *)env[1], preload, asan_var, NULL};
  pid_t pid = fork();
  if (pid == 0) {
    alarm(30);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execve(child_path, argv, envp);
    _exit(127);
  }
  /* Well before the child's exit, after at least one interval. */
  struct timespec wait = {1, 800000000};
  nanosleep(&wait, NULL);
  int status;
  CHECK_EQ_LONG(waitpid(pid, &status, WNOHANG), 0); /* still running */
  char path[PATH_MAX];
  CHECK_EQ_LONG(files(spool, "snapshot-", path, sizeof path), 1);
  char *doc = read_file(path);
  CHECK(doc != NULL && json_valid(doc));
  long long early = JNUM(doc, "calls", "poll", "count");
  CHECK(early > 10);
  free(doc);
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  doc = read_file(path);
  CHECK(doc != NULL && JNUM(doc, "calls", "poll", "count") > early);
  free(doc);
}

/* A setting that cannot be used turns its feature off: same exit, same output, no
 * stderr, unless SHIMWATCH_DEBUG=1 asks for one line about it. */
static void bad_settings_change_nothing(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32], file[PATH_MAX + 16], inside[PATH_MAX + 48];
  make_dir(spool, sizeof spool, "bad");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  /* A spool "directory" below a regular file can never be created. */
  snprintf(file, sizeof file, "%s/file", spool);
  close(open(file, O_CREAT | O_WRONLY, 0600));
  snprintf(inside, sizeof inside, "SHIMWATCH_SPOOL=%s/sub", file);
  const char *cases[][3] = {
      {var, "SHIMWATCH_FLUSH_SECONDS=soon", NULL},
      {var, "SHIMWATCH_FLUSH_SECONDS=-5", NULL},
      {var, "SHIMWATCH_TRAPS=maybe", NULL},
      {inside, NULL, NULL},
  };
  const char *args[] = {"calls", "3", NULL};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    for (int debug = 0; debug <= 1; debug++) {
      const char *env[4] = {cases[i][0], cases[i][1], NULL, NULL};
      env[cases[i][1] ? 2 : 1] = debug ? "SHIMWATCH_DEBUG=1" : NULL;
      struct run r;
      run_child(&r, spool, PRELOAD_SHIM, env, args);
      CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
      CHECK(strcmp(r.out, "enabled=1\nshim_child done\n") == 0);
      if (debug) {
        CHECK_EQ_LONG(count_lines(r.err), 1);
        CHECK(strncmp(r.err, "shimwatch: ", 11) == 0);
      } else {
        CHECK_EQ_LONG(strlen(r.err), 0);
      }
    }
  }
  /* The usable settings still worked: the snapshots of the first three cases. */
  CHECK(files(spool, "snapshot-", NULL, 0) == 6);
}

static void default_spool_is_xdg_state_then_home(void) {
  char base[PATH_MAX], xdg[PATH_MAX + 32], home[PATH_MAX + 32], dir[PATH_MAX + 64];
  make_dir(base, sizeof base, "default");
  snprintf(xdg, sizeof xdg, "XDG_STATE_HOME=%s/xdg", base);
  snprintf(home, sizeof home, "HOME=%s/home", base);
  const char *both[] = {xdg, home, NULL}, *home_only[] = {home, "XDG_STATE_HOME=relative", NULL};
  const char *args[] = {"calls", "1", NULL};
  struct run r;
  run_child(&r, base, PRELOAD_SHIM, both, args);
  snprintf(dir, sizeof dir, "%s/xdg/shimwatch", base);
  CHECK_EQ_LONG(files(dir, "snapshot-", NULL, 0), 1);
  struct stat st;
  CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
  run_child(&r, base, PRELOAD_SHIM, home_only, args);
  snprintf(dir, sizeof dir, "%s/home/.local/state/shimwatch", base);
  CHECK_EQ_LONG(files(dir, "snapshot-", NULL, 0), 1);
}

static void a_forked_child_counts_only_its_own_calls(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32];
  make_dir(spool, sizeof spool, "fork");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  const char *env[] = {var, NULL}, *args[] = {"fork", NULL};
  struct run r;
  run_child(&r, spool, PRELOAD_SHIM, env, args);
  CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
  char path[PATH_MAX];
  CHECK_EQ_LONG(files(spool, "snapshot-", path, sizeof path), 2);
  DIR *d = opendir(spool);
  struct dirent *e;
  int counts = 0;
  while (d != NULL && (e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, "snapshot-", 9) != 0)
      continue;
    snprintf(path, sizeof path, "%s/%s", spool, e->d_name);
    char *doc = read_file(path);
    long long c = JNUM(doc, "calls", "poll", "count");
    counts += c == 2 ? 1 : c == 3 ? 10 : 100; /* one file with 2, one with 3 */
    free(doc);
  }
  if (d != NULL)
    closedir(d);
  CHECK_EQ_LONG(counts, 11);
}

/* ---- self-tests ---- */

/* Opened with dlopen(RTLD_LOCAL) like JNA does, the library's checks still go through
 * its wrappers: the shim counts them, and select-fd-setsize sees its counter move. */
static void self_tests_go_through_the_shim_when_opened_like_jna_does(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32];
  make_dir(spool, sizeof spool, "selftest");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  const char *env[] = {var, NULL}, *args[] = {"selftest", lib, "select-fd-setsize", NULL};
  struct run r;
  run_child(&r, spool, PRELOAD_RUNTIME_ONLY, env, args);
  CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
  char *result = r.out, *snap = strchr(r.out, '\n');
  CHECK(snap != NULL);
  if (snap == NULL)
    return;
  *snap++ = '\0';
  char *end = strchr(snap, '\n');
  if (end != NULL)
    *end = '\0';
  CHECK(json_valid(result) && json_valid(snap));
  char s[32];
  CHECK(json_str(JGET(result, "result"), s, sizeof s) && strcmp(s, "pass") == 0);
  CHECK(json_num(JGET(result, "values", "fdAboveSetsizeCounted")) == 1);
  CHECK(JNUM(snap, "calls", "select", "anomalies", "fdAboveSetsize") == 1);
  CHECK(JNUM(snap, "calls", "poll", "count") >= 1);
}

/* ---- traps ---- */

struct crash_info {
  char module[PATH_MAX];
  unsigned long offset;
};

static int read_info(const char *path, struct crash_info *ci) {
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return 0;
  int ok = fscanf(f, "%4095s %lx", ci->module, &ci->offset) == 2;
  fclose(f);
  return ok;
}

/* Runs "crash KIND" with and without the shim; checks that both end the same way and
 * returns the trap record (or NULL). In sanitized builds both runs have the ASan
 * runtime preloaded (it turns core dumps off), so that the shim is the only
 * difference. */
static char *crash_and_compare(const char *kind, const char *extra_env, int expect_sig,
                               struct crash_info *ci, char *spool_out) {
  char spool[PATH_MAX], plain_dir[PATH_MAX], var[PATH_MAX + 32], info[PATH_MAX + 16];
  make_dir(spool, sizeof spool, kind);
  make_dir(plain_dir, sizeof plain_dir, "plain");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  snprintf(info, sizeof info, "%s/info", plain_dir);
  const char *env[] = {var, extra_env, NULL}, *args[] = {"crash", kind, info, NULL};
  struct run with, without;
  run_child(&without, plain_dir, PRELOAD_RUNTIME_ONLY, NULL, args);
  run_child(&with, spool, PRELOAD_SHIM, env, args);
  if (!(WIFSIGNALED(without.status) && WTERMSIG(without.status) == expect_sig)) {
    /* Some kernels deliver a different signal for a fault; record what happened. */
    fprintf(stderr, "  %s without the shim ended with status %#x\n", kind, without.status);
  }
  CHECK(WIFSIGNALED(with.status) && WTERMSIG(with.status) == expect_sig);
  /* Same signal, same core-dump flag: the process died exactly as it would have. */
  CHECK_EQ_LONG(with.status, without.status);
  CHECK(strcmp(with.out, without.out) == 0);
  CHECK(read_info(info, ci));
  if (spool_out != NULL)
    strcpy(spool_out, spool);
  char path[PATH_MAX];
  if (files(spool, "trap-", path, sizeof path) != 1)
    return NULL;
  return read_file(path);
}

static void a_null_write_leaves_a_trap_record_and_dies_the_same(void) {
  struct crash_info ci;
  char spool[PATH_MAX];
  char *doc = crash_and_compare("segv", NULL, SIGSEGV, &ci, spool);
  CHECK(doc != NULL);
  if (doc == NULL)
    return;
  CHECK(json_valid(doc));
  char s[PATH_MAX];
  CHECK(json_str(JGET(doc, "format"), s, sizeof s) && strcmp(s, "shimwatch-trap") == 0);
  CHECK_EQ_LONG(JNUM(doc, "formatVersion"), 1);
  CHECK(json_str(JGET(doc, "signal"), s, sizeof s) && strcmp(s, "SIGSEGV") == 0);
  CHECK_EQ_LONG(JNUM(doc, "signalNumber"), SIGSEGV);
  CHECK_EQ_LONG(JNUM(doc, "siCode"), SEGV_MAPERR);
  CHECK(json_str(JGET(doc, "faultAddress"), s, sizeof s) && strcmp(s, "0x0") == 0);
  char ip[32], rip[32];
  CHECK(json_str(JGET(doc, "instructionPointer"), ip, sizeof ip));
  CHECK(json_str(JGET(doc, "registers", "RIP"), rip, sizeof rip) && strcmp(ip, rip) == 0);
  CHECK(JGET(doc, "registers", "RSP") != NULL);
  CHECK(json_str(JGET(doc, "exe"), s, sizeof s) && strcmp(s, child_path) == 0);

  /* The first frame is the faulting instruction, inside crash() of shim_child. */
  const char *frames = JGET(doc, "frames");
  CHECK(frames != NULL && frames[0] == '[');
  const char *f0 = frames ? json_skip_ws(frames + 1) : NULL;
  char module[PATH_MAX], off[32];
  CHECK(json_str(json_get(f0, "module"), module, sizeof module) && strcmp(module, ci.module) == 0);
  CHECK(json_str(json_get(f0, "offset"), off, sizeof off));
  unsigned long frame_off = strtoul(off, NULL, 16);
  CHECK(frame_off >= ci.offset && frame_off < ci.offset + 512);
  /* ... and the walk goes on to the callers (main, libc's start code). */
  int nframes = 0;
  for (const char *p = frames; p != NULL && (p = strstr(p, "\"module\"")) != NULL; p++)
    nframes++;
  CHECK(nframes >= 3 && nframes <= 32);

  /* The calls made before the crash, oldest first, the failed one with its errno. */
  const char *calls = JGET(doc, "recentCalls");
  CHECK(calls != NULL);
  const char *expect[] = {"\"call\":\"poll\"", "\"call\":\"poll\"", "\"call\":\"select\"",
                          "\"call\":\"epoll_wait\""};
  const char *p = calls;
  for (int i = 0; i < 4 && p != NULL; i++) {
    p = strstr(p, expect[i]);
    CHECK(p != NULL);
  }
  CHECK(strstr(calls, "\"result\":-1,\"errno\":\"EBADF\"") != NULL);
  CHECK(strstr(calls, "\"timeoutNs\":0") != NULL);
  free(doc);

  /* The snapshot was written on the way down, too. */
  char *snap = only_file(spool, "snapshot-");
  CHECK(snap != NULL && JNUM(snap, "calls", "poll", "count") == 2);
  free(snap);
}

static void every_fatal_signal_is_recorded_and_kept(void) {
  const struct {
    const char *kind, *name;
    int sig;
  } cases[] = {{"abort", "SIGABRT", SIGABRT},
               {"fpe", "SIGFPE", SIGFPE},
               {"ill", "SIGILL", SIGILL},
               {"bus", "SIGBUS", SIGBUS},
               {"kill", "SIGSEGV", SIGSEGV}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    struct crash_info ci;
    char *doc = crash_and_compare(cases[i].kind, NULL, cases[i].sig, &ci, NULL);
    CHECK(doc != NULL);
    char s[32];
    CHECK(doc != NULL && json_str(JGET(doc, "signal"), s, sizeof s) &&
          strcmp(s, cases[i].name) == 0);
    CHECK(doc != NULL && json_valid(doc));
    free(doc);
  }
}

static void traps_off_records_nothing(void) {
  struct crash_info ci;
  char *doc = crash_and_compare("segv", "SHIMWATCH_TRAPS=0", SIGSEGV, &ci, NULL);
  CHECK(doc == NULL);
  free(doc);
}

static void an_earlier_handler_still_runs(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32], info[PATH_MAX + 16];
  make_dir(spool, sizeof spool, "chain");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  snprintf(info, sizeof info, "%s/info", spool);
  /* The child installs its handler, then loads the shim with dlopen. */
  const char *env[] = {var, NULL}, *args[] = {"chain", lib, info, NULL};
  struct run r;
  run_child(&r, spool, PRELOAD_RUNTIME_ONLY, env, args);
  CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 42);
  CHECK(strcmp(r.out, "own handler ran\n") == 0);
  char *doc = only_file(spool, "trap-");
  CHECK(doc != NULL && json_valid(doc));
  free(doc);
}

/* ---- signals sent from outside ---- */

enum send_how { SEND_KILL, SEND_SIGQUEUE };

/*
 * Starts shim_child with args (the shim preloaded as the mode needs), waits for its
 * "ready" line, lets it get back into its wrapped poll(), then sends it sig the way
 * another process would (kill or sigqueue) and waits for it to end.
 */
static int signal_from_outside(int preload, const char *const *env, const char *const *args,
                               int sig, enum send_how how, char *out, size_t cap) {
  char *argv[8], *envp[16], preload_var[2 * PATH_MAX + 32];
  int n = 0, e = 0;
  argv[n++] = child_path;
  for (; args[n - 1] != NULL && n < 7; n++)
    argv[n] = (char *)args[n - 1];
  argv[n] = NULL;
  static char kept[8][PATH_MAX + 64];
  for (int i = 0; passed_through[i] != NULL; i++) {
    const char *v = getenv(passed_through[i]);
    if (v != NULL) {
      snprintf(kept[i], sizeof kept[i], "%s=%s", passed_through[i], v);
      envp[e++] = kept[i];
    }
  }
  const char *first = getenv("SHIMWATCH_TEST_PRELOAD_FIRST");
  if (preload == PRELOAD_SHIM) {
    snprintf(preload_var, sizeof preload_var, "LD_PRELOAD=%s%s%s", first ? first : "",
             first ? ":" : "", lib);
    envp[e++] = preload_var;
  } else if (first != NULL) {
    snprintf(preload_var, sizeof preload_var, "LD_PRELOAD=%s", first);
    envp[e++] = preload_var;
  }
  for (int i = 0; env[i] != NULL && e < 15; i++)
    envp[e++] = (char *)env[i];
  envp[e] = NULL;
  int pipefd[2];
  if (pipe(pipefd) != 0)
    return -1;
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    alarm(30);
    dup2(pipefd[1], 1);
    execve(child_path, argv, envp);
    _exit(127);
  }
  close(pipefd[1]);
  size_t len = 0;
  ssize_t r;
  while (len < cap - 1 && (r = read(pipefd[0], out + len, cap - 1 - len)) > 0) {
    len += (size_t)r;
    out[len] = '\0';
    if (strstr(out, "ready\n") != NULL)
      break;
  }
  /* Inside poll(): the child spends all but microseconds of each 20 ms there. */
  struct timespec pause = {0, 50 * 1000000};
  nanosleep(&pause, NULL);
  if (how == SEND_KILL) {
    kill(pid, sig);
  } else {
    union sigval v = {.sival_int = 7};
    sigqueue(pid, sig, v);
  }
  while (len < cap - 1 && (r = read(pipefd[0], out + len, cap - 1 - len)) > 0)
    len += (size_t)r;
  out[len] = '\0';
  close(pipefd[0]);
  int status = -1;
  waitpid(pid, &status, 0);
  return status;
}

static void a_fault_signal_sent_by_another_process_is_not_a_trap(void) {
  const struct {
    int sig;
    enum send_how how;
  } cases[] = {{SIGSEGV, SEND_KILL}, {SIGSEGV, SEND_SIGQUEUE}, {SIGBUS, SEND_KILL},
               {SIGABRT, SEND_KILL}, {SIGFPE, SEND_SIGQUEUE},  {SIGILL, SEND_KILL}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char spool[PATH_MAX], var[PATH_MAX + 32], out[4096];
    make_dir(spool, sizeof spool, "sent");
    snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
    const char *env[] = {var, NULL}, *args[] = {"wait", "10000", NULL};
    int status =
        signal_from_outside(PRELOAD_SHIM, env, args, cases[i].sig, cases[i].how, out, sizeof out);
    /* It dies of the signal as it would without the shim ... */
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == cases[i].sig);
    /* ... with no trap record, since nothing in it faulted ... */
    CHECK_EQ_LONG(files(spool, "trap-", NULL, 0), 0);
    /* ... and its counts saved on the way down. */
    char *snap = only_file(spool, "snapshot-");
    CHECK(snap != NULL && JNUM(snap, "calls", "poll", "count") >= 3);
    free(snap);
  }
}

static void a_sent_segv_goes_to_the_clients_own_handler_without_a_trap(void) {
  char spool[PATH_MAX], var[PATH_MAX + 32], out[4096];
  make_dir(spool, sizeof spool, "senthandled");
  snprintf(var, sizeof var, "SHIMWATCH_SPOOL=%s", spool);
  /* The client's handler is there before the shim, which chains to it. */
  const char *env[] = {var, NULL}, *args[] = {"waithandled", lib, "10000", NULL};
  int status =
      signal_from_outside(PRELOAD_RUNTIME_ONLY, env, args, SIGSEGV, SEND_KILL, out, sizeof out);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
  CHECK(strstr(out, "own handler ran\n") != NULL);
  CHECK_EQ_LONG(files(spool, "trap-", NULL, 0), 0);
}

int main(void) {
  lib = getenv("SHIMWATCH_TEST_LIB");
  child = getenv("SHIMWATCH_TEST_DIR");
  work = getenv("SHIMWATCH_TEST_WORK");
  if (lib == NULL || child == NULL || work == NULL) {
    fprintf(stderr, "test_process: run it through run-tests.sh\n");
    return 2;
  }
  snprintf(child_path, sizeof child_path, "%s/shim_child", child);
  RUN(exit_writes_one_snapshot_file);
  RUN(a_process_without_calls_leaves_no_file);
  RUN(disabled_is_a_pure_pass_through);
  RUN(periodic_flush_writes_while_running);
  RUN(bad_settings_change_nothing);
  RUN(default_spool_is_xdg_state_then_home);
  RUN(a_forked_child_counts_only_its_own_calls);
  RUN(self_tests_go_through_the_shim_when_opened_like_jna_does);
  RUN(a_null_write_leaves_a_trap_record_and_dies_the_same);
  RUN(every_fatal_signal_is_recorded_and_kept);
  RUN(traps_off_records_nothing);
  RUN(an_earlier_handler_still_runs);
  RUN(a_fault_signal_sent_by_another_process_is_not_a_trap);
  RUN(a_sent_segv_goes_to_the_clients_own_handler_without_a_trap);
  return finish_cases();
}
