/*
 * The client the process tests run with the shim in LD_PRELOAD (it is not linked to
 * the shim). Each mode does one thing a real client might: make calls and exit, fork,
 * keep polling for a while, or die of a fatal signal.
 *
 *   shim_child calls N            N zero-timeout polls on a ready socket; exit 0
 *   shim_child loop MS            poll with a 20 ms timeout for MS milliseconds
 *   shim_child fork               2 polls, fork; the child makes 3 and exits
 *   shim_child crash KIND INFO    a few wrapped calls, then die: KIND is segv, abort,
 *                                 fpe, ill, bus or kill (SIGSEGV sent with kill); the
 *                                 offset of the crashing function goes to file INFO
 *   shim_child chain LIB INFO     install a SIGSEGV handler, dlopen LIB (so the shim
 *                                 finds the handler already there), then crash
 *   shim_child wait MS            3 polls, print "ready", then poll with a 20 ms
 *                                 timeout for MS milliseconds (waiting to be signalled)
 *   shim_child waithandled LIB MS install a SIGSEGV handler, dlopen LIB, then as wait
 *   shim_child selftest LIB ID    dlopen LIB with RTLD_LOCAL, as JNA does, run the
 *                                 self-test ID, print its result and the snapshot
 *
 * It prints "shim_child done" when it exits normally, so tests can check that its
 * output is untouched, and "enabled=N" when the shim's API is present.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int ready;

static void some_calls(int n) {
  struct pollfd p = {.fd = ready, .events = POLLIN};
  for (int i = 0; i < n; i++)
    poll(&p, 1, 0);
}

static void report_enabled(void) {
  int (*enabled)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "shimwatch_enabled");
  if (enabled != NULL)
    printf("enabled=%d\n", enabled());
}

/* Records where fn lives, as "module offset" relative to its load base. */
static void write_info(const char *path, void *fn) {
  Dl_info info;
  FILE *f = fopen(path, "w");
  if (f == NULL || dladdr(fn, &info) == 0)
    exit(3);
  fprintf(f, "%s %lx\n", info.dli_fname,
          (unsigned long)((uintptr_t)fn - (uintptr_t)info.dli_fbase));
  fclose(f);
}

static volatile int zero = 0;

__attribute__((noinline)) static void crash(const char *kind) {
  if (strcmp(kind, "segv") == 0) {
    *(volatile int *)(uintptr_t)zero = 1;
  } else if (strcmp(kind, "abort") == 0) {
    abort();
  } else if (strcmp(kind, "fpe") == 0) {
    /* Both operands volatile: gcc turns 1 / x into a compare that never traps. */
    volatile int seven = 7;
    volatile int r = seven / zero;
    (void)r;
  } else if (strcmp(kind, "ill") == 0) {
    __builtin_trap();
  } else if (strcmp(kind, "bus") == 0) {
    /* Touching a page of a file mapping beyond the end of the file. */
    char name[] = "/tmp/shim_child_busXXXXXX";
    int fd = mkstemp(name);
    unlink(name);
    volatile char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    m[0] = 1;
  } else if (strcmp(kind, "kill") == 0) {
    kill(getpid(), SIGSEGV);
  }
  _exit(4); /* not reached */
}

/* Runs one self-test of a library opened as JNA opens it: not in the global scope, so
 * that a call to "select" from inside it would find glibc's, not the shim's. Prints
 * the result and the snapshot, one line each. */
static int run_selftest(const char *lib, const char *id) {
  void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  if (h == NULL) {
    fprintf(stderr, "%s\n", dlerror());
    return -1;
  }
  int (*count)(void) = (int (*)(void))dlsym(h, "shimwatch_selftest_count");
  const char *(*id_of)(int) = (const char *(*)(int))dlsym(h, "shimwatch_selftest_id");
  int (*run)(int, char *, size_t) =
      (int (*)(int, char *, size_t))dlsym(h, "shimwatch_selftest_run");
  long (*snapshot)(char *, size_t) = (long (*)(char *, size_t))dlsym(h, "shimwatch_snapshot");
  if (count == NULL || id_of == NULL || run == NULL || snapshot == NULL)
    return -1;
  static char buf[65536];
  for (int i = 0; i < count(); i++) {
    if (strcmp(id_of(i), id) != 0)
      continue;
    if (run(i, buf, sizeof buf) < 0)
      return -1;
    printf("%s\n", buf);
    if (snapshot(buf, sizeof buf) < 0)
      return -1;
    printf("%s\n", buf);
    return 0;
  }
  return -1;
}

/* Marks that the client's own handler ran, then ends the process its own way. */
static void own_handler(int sig) {
  (void)sig;
  static const char msg[] = "own handler ran\n";
  ssize_t ignored = write(STDOUT_FILENO, msg, sizeof msg - 1);
  (void)ignored;
  _exit(42);
}

static void wait_polling(long ms) {
  some_calls(3);
  printf("ready\n");
  fflush(stdout);
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do {
    poll(NULL, 0, 20);
    clock_gettime(CLOCK_MONOTONIC, &t);
  } while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
}

int main(int argc, char **argv) {
  int sv[2];
  if (argc < 2 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0 || write(sv[0], "x", 1) != 1)
    return 2;
  ready = sv[1];
  const char *mode = argv[1];
  if (strcmp(mode, "calls") == 0 && argc == 3) {
    report_enabled();
    some_calls(atoi(argv[2]));
  } else if (strcmp(mode, "loop") == 0 && argc == 3) {
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long ms = atol(argv[2]);
    do {
      poll(NULL, 0, 20);
      clock_gettime(CLOCK_MONOTONIC, &t);
    } while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
  } else if (strcmp(mode, "fork") == 0) {
    some_calls(2);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      some_calls(3);
      exit(0); /* exit, not _exit: the snapshot is written by an exit-time destructor */
    }
    int status;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      return 5;
  } else if (strcmp(mode, "crash") == 0 && argc == 4) {
    write_info(argv[3], (void *)crash);
    some_calls(2);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(ready, &r);
    struct timeval tv = {0, 0};
    select(ready + 1, &r, NULL, NULL, &tv);
    struct epoll_event ev;
    epoll_wait(-1, &ev, 1, 0); /* an error in the ring: EBADF */
    fflush(stdout);
    crash(argv[2]);
  } else if (strcmp(mode, "chain") == 0 && argc == 4) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = own_handler;
    sigaction(SIGSEGV, &sa, NULL);
    if (dlopen(argv[2], RTLD_NOW) == NULL) {
      fprintf(stderr, "%s\n", dlerror());
      return 6;
    }
    write_info(argv[3], (void *)crash);
    fflush(stdout);
    crash("segv");
  } else if (strcmp(mode, "wait") == 0 && argc == 3) {
    wait_polling(atol(argv[2]));
  } else if (strcmp(mode, "waithandled") == 0 && argc == 4) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = own_handler;
    sigaction(SIGSEGV, &sa, NULL);
    if (dlopen(argv[2], RTLD_NOW) == NULL) {
      fprintf(stderr, "%s\n", dlerror());
      return 6;
    }
    wait_polling(atol(argv[3]));
  } else if (strcmp(mode, "selftest") == 0 && argc == 4) {
    if (run_selftest(argv[2], argv[3]) != 0)
      return 7;
  } else {
    return 2;
  }
  printf("shim_child done\n");
  return 0;
}
