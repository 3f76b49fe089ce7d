/*
 * Trap capture: handlers for the fatal signals that write one record to the spool
 * and then let the signal do exactly what it would have done without the shim.
 *
 * Everything the handler calls is async-signal-safe (open, read, write, rename,
 * close, sigaction, pthread_sigmask, tgkill, nanosleep, clock_gettime, memcpy) except
 * the stack walk, which uses libgcc's _Unwind_Backtrace: with glibc >= 2.35 and GCC
 * >= 12 it finds unwind tables through _dl_find_object, which is lock-free and
 * async-signal-safe, and reads the stack. A corrupt stack can make it fault; the
 * handler is installed with SA_NODEFER so that such a nested fault comes back here,
 * and it escapes with siglongjmp to finish the record with the frames found so far.
 *
 * Module paths come from /proc/self/maps, read in the handler with open/read. The
 * alternative, dl_iterate_phdr, takes the loader's lock (a fault inside the loader
 * would deadlock) and may allocate; a table cached at start-up would miss modules
 * loaded later. Reading maps costs a few hundred microseconds, once, in a dying
 * process.
 */
#include "traps.h"

#include <elf.h>
#include <link.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include <unwind.h>

#include "clock.h"
#include "config.h"
#include "json.h"
#include "metrics.h"
#include "ring.h"
#include "spool.h"
#include "shimwatch.h"
#include "state.h"

/* A process whose own handler recovers from its faults could otherwise fill the
 * spool; the first records are the interesting ones. */
#define SW_TRAP_RECORDS_MAX 16
/* How long a second faulting thread waits for the first one's record before letting
 * its own signal take effect (which may end the process). */
#define SW_TRAP_WAIT_MS 2000
/* Module paths are cut at this length in records; enough for any sane install. */
#define SW_MODULE_PATH_MAX 512

static const int trap_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
#define SW_TRAP_SIGNALS (sizeof trap_signals / sizeof trap_signals[0])

static struct sigaction previous[SW_TRAP_SIGNALS];
static int installed;

/* Thread id of the thread writing a record, 0 when none. */
static _Atomic long trap_owner;
static _Atomic int records_written;

/* The stack walk's escape hatch; used only by the owner thread. */
static sigjmp_buf unwind_escape;
static volatile sig_atomic_t unwinding;

struct frame {
  uintptr_t addr;
  uintptr_t offset;
  char module[SW_MODULE_PATH_MAX];
};

/* Static because the handler may run on a small stack; guarded by trap_owner. */
static struct frame frames[SHIMWATCH_TRAP_FRAMES];
static int frame_count;
static struct sw_kind_totals trap_scratch;

static int slot_of(int sig) {
  for (size_t i = 0; i < SW_TRAP_SIGNALS; i++)
    if (trap_signals[i] == sig)
      return (int)i;
  return -1;
}

static const char *signal_name(int sig) {
  switch (sig) {
  case SIGSEGV:
    return "SIGSEGV";
  case SIGBUS:
    return "SIGBUS";
  case SIGILL:
    return "SIGILL";
  case SIGFPE:
    return "SIGFPE";
  case SIGABRT:
    return "SIGABRT";
  default:
    return "SIGUNKNOWN";
  }
}

static long current_tid(void) {
  return syscall(SYS_gettid);
}

/* ---- stack walk ---- */

struct walk {
  uintptr_t fault_ip;
  int started;
};

static _Unwind_Reason_Code walk_frame(struct _Unwind_Context *ctx, void *arg) {
  struct walk *w = arg;
  int before = 0;
  uintptr_t ip = (uintptr_t)_Unwind_GetIPInfo(ctx, &before);
  if (ip == 0)
    return _URC_END_OF_STACK;
  /* Skip the handler's own frames and the signal trampoline: the record starts at
   * the faulting instruction. */
  if (!w->started) {
    if (ip != w->fault_ip)
      return _URC_NO_REASON;
    w->started = 1;
  }
  if (frame_count >= SHIMWATCH_TRAP_FRAMES)
    return _URC_END_OF_STACK;
  frames[frame_count].addr = ip;
  frame_count++;
  return _URC_NO_REASON;
}

static void collect_frames(uintptr_t fault_ip) {
  frame_count = 0;
  struct walk w = {.fault_ip = fault_ip, .started = fault_ip == 0};
  if (sigsetjmp(unwind_escape, 1) == 0) {
    unwinding = 1;
    _Unwind_Backtrace(walk_frame, &w);
  }
  unwinding = 0;
  if (frame_count == 0 && fault_ip != 0) {
    /* The walk did not get past the trampoline: the faulting address alone. */
    frames[0].addr = fault_ip;
    frame_count = 1;
  }
}

/* ---- /proc/self/maps ---- */

static int parse_hex(const char **p, uintptr_t *out) {
  uintptr_t v = 0;
  int digits = 0;
  for (;; (*p)++, digits++) {
    char c = **p;
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0)
      break;
    v = v * 16 + (uintptr_t)d;
  }
  *out = v;
  return digits > 0;
}

struct module_scan {
  char path[SW_MODULE_PATH_MAX]; /* module of the last mapping seen with offset 0 */
  uintptr_t start;               /* where that mapping starts */
  int readable;
};

/*
 * Load base of a module whose offset-0 mapping starts at start: the address that
 * addr2line offsets are relative to (0 for a non-PIE executable). Only called for a
 * module that holds a frame, i.e. a mapped ELF file whose first page exists; reading
 * the first page of an arbitrary mapping could fault (a file mapped past its end).
 */
static uintptr_t load_base(uintptr_t start, int readable) {
  if (!readable)
    return start;
  const unsigned char *ident = (const unsigned char *)start;
  if (memcmp(ident, ELFMAG, SELFMAG) != 0)
    return start;
  const ElfW(Ehdr) *eh = (const ElfW(Ehdr) *)start;
  return eh->e_type == ET_EXEC ? 0 : start;
}

static void resolve_line(struct module_scan *scan, const char *line) {
  const char *p = line;
  uintptr_t start, end, offset;
  if (!parse_hex(&p, &start) || *p++ != '-' || !parse_hex(&p, &end) || *p++ != ' ')
    return;
  char perms[5] = {0};
  for (int i = 0; i < 4 && *p != '\0'; i++)
    perms[i] = *p++;
  if (*p++ != ' ' || !parse_hex(&p, &offset))
    return;
  /* Skip " dev inode", then the spaces before the path. */
  for (int field = 0; field < 2; field++) {
    while (*p == ' ')
      p++;
    while (*p != ' ' && *p != '\0')
      p++;
  }
  while (*p == ' ')
    p++;
  const char *path = p;
  if (path[0] == '\0')
    return; /* anonymous memory: leave frames there as "?" */
  if (offset == 0) {
    size_t n = strlen(path);
    if (n >= sizeof scan->path)
      n = sizeof scan->path - 1;
    memcpy(scan->path, path, n);
    scan->path[n] = '\0';
    scan->start = start;
    scan->readable = perms[0] == 'r';
  }
  int same_module = strncmp(scan->path, path, sizeof scan->path - 1) == 0;
  for (int i = 0; i < frame_count; i++) {
    struct frame *f = &frames[i];
    if (f->addr < start || f->addr >= end || f->module[0] != '\0')
      continue;
    size_t n = strlen(path);
    if (n >= sizeof f->module)
      n = sizeof f->module - 1;
    memcpy(f->module, path, n);
    f->module[n] = '\0';
    f->offset = f->addr - (same_module ? load_base(scan->start, scan->readable) : start - offset);
  }
}

static void resolve_modules(void) {
  for (int i = 0; i < frame_count; i++) {
    frames[i].module[0] = '\0';
    frames[i].offset = frames[i].addr;
  }
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  static struct module_scan scan; /* guarded by trap_owner */
  static char line[SW_MODULE_PATH_MAX + 128];
  char buf[4096];
  size_t len = 0;
  memset(&scan, 0, sizeof scan);
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] != '\n') {
        if (len < sizeof line - 1)
          line[len++] = buf[i]; /* a longer path is cut: its prefix still names it */
        continue;
      }
      line[len] = '\0';
      resolve_line(&scan, line);
      len = 0;
    }
  }
  close(fd);
}

/* ---- the record ---- */

static void put_registers(struct sw_sink *s, const ucontext_t *uc) {
  sw_puts(s, ",\"registers\":{");
#if defined(__x86_64__)
  static const struct {
    const char *name;
    int reg;
  } regs[] = {
      {"RAX", REG_RAX}, {"RBX", REG_RBX}, {"RCX", REG_RCX}, {"RDX", REG_RDX},
      {"RSI", REG_RSI}, {"RDI", REG_RDI}, {"RBP", REG_RBP}, {"RSP", REG_RSP},
      {"R8", REG_R8},   {"R9", REG_R9},   {"R10", REG_R10}, {"R11", REG_R11},
      {"R12", REG_R12}, {"R13", REG_R13}, {"R14", REG_R14}, {"R15", REG_R15},
      {"RIP", REG_RIP}, {"EFL", REG_EFL}, {"ERR", REG_ERR}, {"TRAPNO", REG_TRAPNO},
      {"CR2", REG_CR2},
  };
  if (uc != NULL) {
    for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++) {
      if (i > 0)
        sw_put(s, ",", 1);
      sw_put_key(s, regs[i].name);
      sw_put_hex(s, (uint64_t)uc->uc_mcontext.gregs[regs[i].reg]);
    }
  }
#else
  (void)uc;
#endif
  sw_put(s, "}", 1);
}

static uintptr_t fault_ip_of(const ucontext_t *uc) {
#if defined(__x86_64__)
  return uc != NULL ? (uintptr_t)uc->uc_mcontext.gregs[REG_RIP] : 0;
#else
  (void)uc;
  return 0;
#endif
}

static int has_fault_address(int sig) {
  return sig != SIGABRT;
}

static void put_recent_calls(struct sw_sink *s) {
  sw_puts(s, ",\"recentCalls\":[");
  struct sw_thread *t = sw_thread_find();
  if (t != NULL) {
    uint32_t head = t->head;
    __atomic_signal_fence(__ATOMIC_ACQUIRE);
    uint32_t n = head < SW_RING_SIZE ? head : SW_RING_SIZE;
    for (uint32_t i = 0; i < n; i++) {
      const struct sw_ring_entry *e = &t->ring[(head - n + i) % SW_RING_SIZE];
      sw_puts(s, i ? ",{\"call\":" : "{\"call\":");
      sw_put_str(s, sw_kind_name(sw_ring_kind(e)));
      sw_puts(s, ",\"nfds\":");
      sw_put_u64(s, sw_ring_nfds(e));
      sw_puts(s, ",\"timeoutNs\":");
      /* An invalid (negative) timeout is reported as 0: the EINVAL result says why. */
      sw_put_i64(s, e->timeout_ns == SW_TIMEOUT_INVALID ? 0 : e->timeout_ns);
      sw_puts(s, ",\"result\":");
      sw_put_i64(s, sw_ring_result(e));
      if (sw_ring_result(e) < 0) {
        const char *name = sw_errno_name(sw_ring_err(e));
        sw_puts(s, ",\"errno\":");
        if (name != NULL) {
          sw_put_str(s, name);
        } else {
          sw_puts(s, "\"E");
          sw_put_u64(s, (uint64_t)sw_ring_err(e));
          sw_put(s, "\"", 1);
        }
      }
      sw_puts(s, ",\"latencyNs\":");
      sw_put_u64(s, e->latency_ns);
      sw_put(s, "}", 1);
    }
  }
  sw_put(s, "]", 1);
}

static void write_record(int sig, const siginfo_t *si, const ucontext_t *uc, long tid) {
  uint64_t time_ms = sw_wall_ms();
  uintptr_t ip = fault_ip_of(uc);
  collect_frames(ip);
  resolve_modules();

  char name[96];
  {
    char *p = name;
    char d[24];
    size_t n;
    memcpy(p, "trap-", 5);
    p += 5;
    n = sw_fmt_u64(d, (uint64_t)sw_state.pid);
    memcpy(p, d, n);
    p += n;
    *p++ = '-';
    n = sw_fmt_u64(d, (uint64_t)tid);
    memcpy(p, d, n);
    p += n;
    *p++ = '-';
    n = sw_fmt_u64(d, time_ms);
    memcpy(p, d, n);
    p += n;
    memcpy(p, ".json", 6);
  }
  static char tmp[PATH_MAX], final_path[PATH_MAX]; /* guarded by trap_owner */
  int fd = sw_spool_open_tmp(name, tmp, final_path);
  if (fd < 0) {
    sw_debug("cannot write a trap record to the spool", sw_config.spool);
    return;
  }
  char chunk[2048];
  struct sw_sink s;
  sw_sink_fd(&s, fd, chunk, sizeof chunk);
  sw_puts(&s, "{\"format\":\"shimwatch-trap\",\"formatVersion\":1,\"shimVersion\":");
  sw_put_str(&s, shimwatch_version());
  sw_puts(&s, ",\"pid\":");
  sw_put_u64(&s, (uint64_t)sw_state.pid);
  sw_puts(&s, ",\"tid\":");
  sw_put_u64(&s, (uint64_t)tid);
  sw_puts(&s, ",\"timeMs\":");
  sw_put_u64(&s, time_ms);
  sw_puts(&s, ",\"signal\":");
  sw_put_str(&s, signal_name(sig));
  sw_puts(&s, ",\"signalNumber\":");
  sw_put_u64(&s, (uint64_t)sig);
  sw_puts(&s, ",\"siCode\":");
  sw_put_i64(&s, si != NULL ? si->si_code : 0);
  if (si != NULL && has_fault_address(sig)) {
    sw_puts(&s, ",\"faultAddress\":");
    sw_put_hex(&s, (uint64_t)(uintptr_t)si->si_addr);
  }
  if (ip != 0) {
    sw_puts(&s, ",\"instructionPointer\":");
    sw_put_hex(&s, ip);
  }
  put_registers(&s, uc);
  sw_puts(&s, ",\"frames\":[");
  for (int i = 0; i < frame_count; i++) {
    sw_puts(&s, i ? ",{\"module\":" : "{\"module\":");
    sw_put_str(&s, frames[i].module[0] != '\0' ? frames[i].module : "?");
    sw_puts(&s, ",\"offset\":");
    sw_put_hex(&s, frames[i].offset);
    sw_put(&s, "}", 1);
  }
  sw_put(&s, "]", 1);
  put_recent_calls(&s);
  sw_puts(&s, ",\"exe\":");
  sw_put_str(&s, sw_config.exe);
  sw_puts(&s, "}\n");
  int err = sw_sink_finish(&s);
  if (sw_spool_commit(fd, tmp, final_path, err) != 0)
    sw_debug("cannot write a trap record", final_path);
}

/* ---- chaining ---- */

/* 1 when returning from the handler re-executes the faulting instruction, which then
 * faults again: the kernel-generated synchronous faults. */
static int refaults(int sig, const siginfo_t *si) {
  if (si == NULL || si->si_code <= 0 || sig == SIGABRT)
    return 0;
  return !(sig == SIGBUS && si->si_code == BUS_MCEERR_AO);
}

static void die_as_default(int sig, const siginfo_t *si) {
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  if (refaults(sig, si))
    return; /* the instruction runs again, faults, and the default action applies */
  /* Sent (kill, raise, abort) rather than caused: send it again. The handler runs
   * with SA_NODEFER, so the signal is not blocked and takes effect at once. */
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  pthread_sigmask(SIG_UNBLOCK, &one, NULL);
  syscall(SYS_tgkill, (long)getpid(), current_tid(), (long)sig);
}

static void run_previous(int sig, siginfo_t *si, void *uc, const struct sigaction *prev) {
  /* Run it as the kernel would have: its mask added, the signal itself blocked unless
   * it asked for SA_NODEFER, and its disposition reset if it asked for
   * SA_RESETHAND. */
  sigset_t mask, old;
  pthread_sigmask(SIG_BLOCK, NULL, &old);
  mask = old;
  for (int s = 1; s < NSIG; s++)
    if (sigismember(&prev->sa_mask, s) == 1)
      sigaddset(&mask, s);
  if (!(prev->sa_flags & SA_NODEFER))
    sigaddset(&mask, sig);
  if (prev->sa_flags & SA_RESETHAND) {
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
  }
  pthread_sigmask(SIG_SETMASK, &mask, NULL);
  if (prev->sa_flags & SA_SIGINFO)
    prev->sa_sigaction(sig, si, uc);
  else
    prev->sa_handler(sig);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void chain(int sig, siginfo_t *si, void *uc, const struct sigaction *prev) {
  if (prev->sa_handler == SIG_DFL || prev->sa_handler == SIG_IGN) {
    /* An ignored fault is fatal anyway: the kernel resets it to the default. */
    die_as_default(sig, si);
    return;
  }
  run_previous(sig, si, uc, prev);
}

static void wait_for_owner(void) {
  struct timespec ms = {0, 1000000};
  for (int i = 0; i < SW_TRAP_WAIT_MS && atomic_load(&trap_owner) != 0; i++)
    nanosleep(&ms, NULL);
}

/*
 * Whether the signal is a fault of this process: raised by the kernel for an
 * instruction the process ran (si_code > 0: SEGV_MAPERR, BUS_ADRALN, FPE_INTDIV,
 * SI_KERNEL for a general protection fault, ...), or sent by the process to itself
 * (abort(), raise(), kill(getpid(), ...)). One another process sent with kill(),
 * sigqueue() or tgkill() (si_code SI_USER, SI_QUEUE, SI_TKILL with its sender's pid)
 * says nothing about this process's code: that process is ending this one, as it
 * could with SIGTERM. Recording it as a trap would put the interrupted instruction
 * (usually a system call wrapper in libc) in the report as a crash site.
 */
static int is_fault(const siginfo_t *si) {
  if (si == NULL || si->si_code > 0)
    return 1;
  if (si->si_code != SI_USER && si->si_code != SI_QUEUE && si->si_code != SI_TKILL)
    return 1; /* a timer, message queue or async I/O notification the process set up */
  return si->si_pid == getpid();
}

/* Set once a signal sent from outside has been let through with the counts saved. */
static _Atomic int sent_snapshot_written;

static void on_trap(int sig, siginfo_t *si, void *uc) {
  int saved_errno = errno;
  int slot = slot_of(sig);
  if (slot < 0)
    return;
  const struct sigaction *prev = &previous[slot];
  /* A sent signal the process ignored stays ignored, and is not a trap. */
  if (prev->sa_handler == SIG_IGN && (si == NULL || si->si_code <= 0)) {
    errno = saved_errno;
    return;
  }
  int fault = is_fault(si);
  int fatal = prev->sa_handler == SIG_DFL || prev->sa_handler == SIG_IGN;
  if (!fault && !fatal) {
    /* Sent from outside to a client that handles it: the client's business. */
    chain(sig, si, uc, prev);
    errno = saved_errno;
    return;
  }
  long tid = current_tid();
  long expected = 0;
  if (atomic_compare_exchange_strong(&trap_owner, &expected, tid)) {
    if (fault) {
      if (atomic_fetch_add(&records_written, 1) < SW_TRAP_RECORDS_MAX) {
        write_record(sig, si, uc, tid);
        if (atomic_load_explicit(&sw_state.active, memory_order_relaxed) && sw_has_calls())
          sw_spool_write_snapshot(&trap_scratch);
      }
    } else if (!atomic_exchange(&sent_snapshot_written, 1)) {
      /* No trap, but the process is about to end without running its exit code: the
       * counts so far are saved, as at exit. */
      if (atomic_load_explicit(&sw_state.active, memory_order_relaxed) && sw_has_calls())
        sw_spool_write_snapshot(&trap_scratch);
    }
    atomic_store(&trap_owner, 0);
  } else if (expected == tid) {
    /* A fault inside this handler. During the stack walk: abandon the walk. */
    if (unwinding)
      siglongjmp(unwind_escape, 1);
    /* Elsewhere in the record: give up on it and let the signal take its course. */
  } else {
    wait_for_owner();
  }
  chain(sig, si, uc, prev);
  errno = saved_errno;
}

void sw_traps_install(void) {
  if (installed)
    return;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_trap;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < SW_TRAP_SIGNALS; i++) {
    /* A system call interrupted by one of these signals (sent with kill) restarts or
     * fails with EINTR as the previous handler asked; an ignored signal never
     * interrupts anything, which SA_RESTART is closest to. */
    struct sigaction cur;
    int restart = SA_RESTART;
    if (sigaction(trap_signals[i], NULL, &cur) == 0 && cur.sa_handler != SIG_DFL &&
        cur.sa_handler != SIG_IGN)
      restart = cur.sa_flags & SA_RESTART;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | restart;
    /* One call reads the old action and installs ours, so nothing slips between. */
    if (sigaction(trap_signals[i], &sa, &previous[i]) != 0) {
      memset(&previous[i], 0, sizeof previous[i]);
      previous[i].sa_handler = SIG_DFL;
    }
  }
  installed = 1;
}
