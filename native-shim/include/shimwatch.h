/*
 * Shimwatch native shim: public C API and file formats.
 *
 * WHAT IT IS
 *
 * libshimwatch.so is loaded into a client process with LD_PRELOAD. It wraps the
 * readiness calls select, pselect, poll, ppoll, epoll_wait and epoll_pwait (plus the
 * fortified entry points __poll_chk and __ppoll_chk that a _FORTIFY_SOURCE build
 * calls), forwards every call to the next definition (normally glibc's), and records
 * per call kind: counts, results by class and errno, a latency histogram, a
 * timeout-overshoot histogram and anomaly counters. It also catches fatal signals
 * (traps) and writes a record of each to the spool before letting the process die
 * exactly as it would have without the shim.
 *
 * Not wrapped: epoll_pwait2 (glibc 2.35+, not a call kind of the report contract),
 * and glibc's internal calls (its resolver's poll, for instance), which do not go
 * through the dynamic linker. When loaded with dlopen() (JNA does that) rather than
 * LD_PRELOAD, the library does not interpose anything; the API still works.
 *
 * The shim is invisible to the client: return values, errno, output arguments and
 * signal dispositions are those of the wrapped call. The recording path takes no
 * lock, allocates nothing, logs nothing and makes no system call besides two reads
 * of CLOCK_MONOTONIC (and, at most every 10 ms per call kind, a few fstat calls to
 * sample whether the waited-on descriptors are sockets).
 *
 * Only the functions declared here and the wrapped symbols are exported; everything
 * else is hidden by the export map (src/main/c/shimwatch.map).
 *
 * ENVIRONMENT (read once, when the library is initialised)
 *
 *   SHIMWATCH_DISABLE=1       pure pass-through: nothing is recorded, no handler is
 *                             installed, no file is written.
 *   SHIMWATCH_SPOOL=DIR       spool directory. Default: $XDG_STATE_HOME/shimwatch, or
 *                             $HOME/.local/state/shimwatch when XDG_STATE_HOME is unset
 *                             or not absolute. Created (mode 0700) on first write.
 *   SHIMWATCH_FLUSH_SECONDS=N also rewrite the snapshot file every N seconds (1 to
 *                             31536000). The check runs inside the wrapped calls, so
 *                             the shim never starts a thread of its own.
 *   SHIMWATCH_TRAPS=1|0       turn trap capture on or off. Default: on, except inside a
 *                             Java virtual machine (see TRAPS AND THE JVM).
 *   SHIMWATCH_DEBUG=1         write one line to stderr when a setting is rejected or
 *                             the spool cannot be written. Otherwise the shim never
 *                             writes to the client's stdout or stderr.
 *
 * A bad value (non-numeric flush seconds, an unwritable spool) never changes the
 * client's behaviour: it turns off the feature it configures.
 *
 * SNAPSHOT FILE
 *
 * One per process: SPOOL/snapshot-<pid>-<startedAtMs>.json, written atomically (a
 * temporary file in the same directory, then rename) when the process exits
 * normally (exit() or returning from main: a destructor writes it), when it traps,
 * every SHIMWATCH_FLUSH_SECONDS, and on shimwatch_flush(). A process that made no
 * wrapped call leaves no file; one that ends with _exit() or is killed leaves only
 * what the periodic flush wrote. After fork() the child starts
 * from zero under its own pid, so the snapshots of a process tree can be added up
 * without counting anything twice. The content, identical to what
 * shimwatch_snapshot() returns, is one JSON object:
 *
 *   {"format":"shimwatch-snapshot","formatVersion":1,"shimVersion":"0.1.0",
 *    "pid":123,"startedAtMs":1700000000000,"writtenAtMs":1700000005000,
 *    "durationMs":5000,"exe":"/usr/bin/aria2c",
 *    "calls":{"poll":{"count":3,
 *                     "results":{"ready":2,"timeout":1,"interrupted":0,"error":0},
 *                     "errors":{"EBADF":1},
 *                     "latency":{"buckets":{"17":2,"420":1},"maxNs":10060000},
 *                     "timeoutOvershoot":{"buckets":{"301":1},"maxNs":60000},
 *                     "anomalies":{"fdAboveSetsize":0,"nonSocketFds":0,
 *                                  "zeroTimeoutCalls":2,"maxNfds":1}}}}
 *
 * startedAtMs and writtenAtMs are milliseconds since the Unix epoch; durationMs is
 * the time the counters cover (since start, fork or the last shimwatch_reset()).
 * Each entry under "calls" is exactly the report contract's callMetrics object:
 *   - call kinds with count 0 are left out; names are select, pselect, poll, ppoll,
 *     epoll_wait, epoll_pwait (the fortified entry points count as poll and ppoll);
 *   - count = ready + timeout + interrupted + error = the latency histogram's total;
 *   - ready: result > 0; timeout: result 0; interrupted: -1 with EINTR; error: -1
 *     with any other errno, also counted under "errors" by errno name ("errors" is
 *     left out when empty);
 *   - latency: wall time of the call, from just before to just after the wrapped
 *     function, in nanoseconds;
 *   - timeoutOvershoot: for calls that timed out with a finite timeout, elapsed
 *     minus requested (0 when the call returned early); left out when empty;
 *   - fdAboveSetsize: select/pselect calls with nfds > FD_SETSIZE (such a call can
 *     name a descriptor >= FD_SETSIZE, which an fd_set cannot hold);
 *   - nonSocketFds: sampled calls (at most one per call kind every 10 ms, and only
 *     calls that succeeded) that waited on a descriptor that is not a socket: a
 *     file, pipe, tty or device; up to 64 descriptors of a sampled call are checked
 *     with fstat. select's sets are copied before the call with process_vm_readv,
 *     which fails cleanly on a bad pointer. Not measured for epoll, whose events
 *     carry user data rather than descriptors;
 *   - zeroTimeoutCalls: calls with a zero timeout, i.e. busy polling;
 *   - maxNfds: the largest nfds (select, poll) or maxevents (epoll) seen.
 *
 * HISTOGRAMS
 *
 * Values are non-negative integer nanoseconds v. If v < 16 the bucket index is v.
 * Otherwise, with e = floor(log2 v) and m = (v >> (e - 4)) & 15, the index is
 * 16 * (e - 3) + m. Bucket i >= 16 holds [L, L + W) with e = i / 16 + 3, m = i % 16,
 * W = 2^(e-4), L = (16 + m) * W, so its midpoint is within 1/32 of any value in it.
 * There are 720 buckets; values of 2^48 ns (about 78 hours) and more are counted in
 * bucket 719. On the wire only non-zero buckets appear, keyed by the index in
 * decimal; histograms merge by adding counts of equal indexes. "maxNs" is the
 * largest value recorded. Recording is one relaxed atomic addition, so counts are
 * exact under any number of threads.
 *
 * TRAP RECORD FILE
 *
 * SPOOL/trap-<pid>-<tid>-<timeMs>.json, one per fault (SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE, SIGABRT), written from the signal handler with async-signal-safe calls only
 * (open, write, rename, close, read of /proc/self/maps), temp + rename. A fault is a
 * signal the kernel raised for an instruction of the process (si_code > 0) or one the
 * process sent itself (abort(), raise()); one of these signals sent by another
 * process (kill, sigqueue) is not: the process dies of it as it would without the
 * shim, with its snapshot written, and no trap record.
 *
 *   {"format":"shimwatch-trap","formatVersion":1,"shimVersion":"0.1.0",
 *    "pid":123,"tid":124,"timeMs":1700000000000,"signal":"SIGSEGV",
 *    "signalNumber":11,"siCode":1,"faultAddress":"0x0",
 *    "instructionPointer":"0x55d0c0a01139",
 *    "registers":{"RIP":"0x55d0c0a01139","RSP":"0x7ffd...",...},
 *    "frames":[{"module":"/usr/bin/client","offset":"0x1139"},...],
 *    "recentCalls":[{"call":"poll","nfds":3,"timeoutNs":0,"result":1,
 *                    "latencyNs":850},
 *                   {"call":"select","nfds":9,"timeoutNs":-1,"result":-1,
 *                    "errno":"EBADF","latencyNs":400}],
 *    "exe":"/usr/bin/client"}
 *
 *   - registers: the general registers from the signal context (x86-64 only; the
 *     object is empty elsewhere);
 *   - frames: up to 32, innermost first, starting at the faulting instruction; module
 *     is the mapped file's path, offset the address minus the module's load base
 *     (what addr2line -e MODULE expects). Frames outside any file mapping have
 *     "module":"?" and the absolute address as offset;
 *   - recentCalls: the faulting thread's last 64 wrapped calls, oldest first;
 *     timeoutNs -1 means "wait forever"; errno is present when result is -1.
 *
 * After writing the record (and the snapshot) the handler runs the handler that was
 * installed before the shim, with that handler's own flags and mask. If there was
 * none, it restores the default action and lets the signal take effect again, so the
 * process dies of the same signal, with a core dump where it would have had one.
 * Handlers installed by the client after the shim replace the shim's.
 *
 * TRAPS AND THE JVM
 *
 * HotSpot uses SIGSEGV for normal operation (implicit null checks, safepoint polls,
 * stack banging) and handles it itself. A shim handler in front of HotSpot's would
 * write a "trap" for every such event, and HotSpot replaces foreign handlers anyway
 * unless libjsig is used. So when the process is a JVM (the java launcher's libjli,
 * or libjvm's JNI_CreateJavaVM, is visible at initialisation), trap capture stays
 * off unless SHIMWATCH_TRAPS=1 asks for it.
 *
 * THREADS AND SIGNALS
 *
 * All functions below may be called from any thread. None is async-signal-safe
 * except shimwatch_version() and shimwatch_enabled().
 */
#ifndef SHIMWATCH_H
#define SHIMWATCH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this library, "MAJOR.MINOR.PATCH". Static storage; never NULL. */
const char *shimwatch_version(void);

/*
 * 1 when the shim records calls, 0 when SHIMWATCH_DISABLE=1 made it a pure
 * pass-through (then shimwatch_snapshot() reports no calls and nothing is written).
 */
int shimwatch_enabled(void);

/*
 * Writes the current snapshot (the JSON document described above) into buf, which
 * holds len bytes, followed by a terminating NUL.
 *
 * Returns the length of the whole document, not counting the NUL, like snprintf:
 * when the return value is >= len the document did not fit; buf then holds as much
 * of it as fits, NUL-terminated if len > 0, and the caller should retry with a
 * larger buffer (counters keep moving, so allow some headroom). buf may be NULL
 * when len is 0, to ask for the size. Returns -1 with errno EINVAL when buf is
 * NULL and len is not 0, or ENOMEM when the 12 KiB of scratch memory it needs
 * cannot be allocated.
 */
long shimwatch_snapshot(char *buf, size_t len);

/*
 * Sets every counter and histogram to zero and starts a new measurement period
 * (durationMs counts from here). A call completing while the reset runs may or
 * may not be counted; every call that starts after it returns is.
 */
void shimwatch_reset(void);

/*
 * Writes the snapshot file to the spool now (temp + rename). Returns 0 on success,
 * -1 with errno set otherwise: ECANCELED when the shim is disabled, ENOENT when no
 * spool directory could be determined, or the error of the failed file operation.
 */
int shimwatch_flush(void);

/*
 * SELF-TESTS
 *
 * A battery of checks of the stack under the shim, run in the calling process. Each
 * check makes its calls through the shim's own wrappers, however the library was
 * loaded (preloaded, linked, or opened with dlopen() as JNA does, where a plain call
 * from inside the library would reach glibc directly): the stack is tested as a
 * client sees it through the shim, and the calls show up in the snapshot like any
 * others. select-non-socket also calls the next definitions directly, to compare.
 *
 * Checks, in battery order (id: rule; values):
 *
 *  0 select-readiness: a byte is pending on one end of a socket pair; select and poll
 *    must report it readable with a zero timeout, and with a 200 ms timeout must
 *    return in under 100 ms. fail otherwise. Values: selectUs, pollUs (the 200 ms
 *    calls' time).
 *  1 timeout-accuracy: 50 select and 50 poll calls with a 10 ms timeout on an idle
 *    socket. fail when one returns ready or early (by more than 50 us), when the
 *    median overshoot of either call exceeds 5 ms (a coarse or broken timer), or its
 *    p99 (nearest rank) exceeds 50 ms; pass otherwise. Values: selectOvershootP50Us,
 *    selectOvershootP99Us, selectOvershootMaxUs, the same for poll, timeoutMs,
 *    callsPerKind, earlyReturns.
 *  2 nonblocking-connect: a non-blocking TCP connect to a listener on 127.0.0.1 must
 *    be reported writable by select within 500 ms with SO_ERROR 0 and by poll, and
 *    the connection must be accepted and carry a byte (500 ms per wait). skipped
 *    without IPv4 or a loopback address. Values: connectUs, acceptUs.
 *  3 many-descriptors: 256 sockets (128 pairs); in 4 rounds a random subset is made
 *    readable; select (over the sockets below FD_SETSIZE, zero timeout) and poll (all
 *    of them) must report exactly that subset. The descriptor limit is raised within
 *    the hard limit if 256 more do not fit (skipped if even that fails). Values:
 *    sockets, rounds, readable, selectChecked, selectMismatches, pollMismatches.
 *  4 select-fd-setsize: a readable socket is duplicated to the lowest free descriptor
 *    at or above FD_SETSIZE (F_DUPFD; the soft descriptor limit is raised within the
 *    hard limit if needed, and put back); select with nfds = that + 1 and sets
 *    allocated for nfds bits, guarded on both sides. pass when select reports exactly
 *    that descriptor, writes nothing outside the sets, poll agrees, and the shim's
 *    fdAboveSetsize counter went up; skipped when no such descriptor can be made or
 *    the shim is disabled (it cannot count). Values: fd, nfds, fdSetsize,
 *    fdAboveSetsizeCounted, softLimitRaised.
 *  5 select-non-socket: select on an empty regular file (memfd), a pipe and a pty's
 *    slave in raw mode, each probed idle (readable?), with a byte pending (readable
 *    within 500 ms? a pty delivers input asynchronously) and for writing, through
 *    the shim and without it. A kind "behaves like a socket" when it is not readable
 *    idle, readable with data and writable.
 *    fail: any answer through the shim differs from the answer without it (the shim
 *    must change nothing). known-limitation: select refuses a kind (an error, as the
 *    OS/2 shim did for all of them) or a kind's readiness differs from a socket's.
 *    pass: all three behave like sockets. On Linux a regular file is always reported
 *    ready (POSIX), so the result is known-limitation, with pipes and ttys behaving
 *    like sockets. A kind that cannot be set up (no pty) is left out and named.
 *    Values: fileLikeSocket, pipeLikeSocket, ttyLikeSocket (1 or 0), kindsTested,
 *    shimDifferences.
 *  6 fork-inheritance: the parent writes to a socket pair and forks; the child must
 *    read it through its inherited descriptor (poll, 800 ms) and answer; the parent
 *    waits 1 s for the answer, reaps the child within 500 ms more and kills it if it
 *    has to. pass when the answer arrives; known-limitation when the child cannot
 *    use the socket; skipped when fork() fails. Values: roundTripUs, childExitCode.
 *  7 select-eintr: a handler without SA_RESTART is installed for the highest
 *    real-time signal that has none (HotSpot and glibc use none of these; SIGALRM
 *    and SIGUSR1 may belong to the host), and a thread sends it to the waiting
 *    thread every 20 ms; select and then poll on an idle socket, 500 ms timeout
 *    each, must return -1 with EINTR. Pending instances are consumed and the disposition and signal
 * mask restored before it returns. Values: signal, signalsSent, signalsHandled,
 *    selectInterruptedAfterUs, pollInterruptedAfterUs.
 *  8 bittorrent-stress: a writer thread sends chunks of 1 to 16384 bytes to random
 *    pairs among 64 non-blocking socket pairs for 2.5 s; the calling thread waits with
 *    select and poll in turn (100 ms timeout) and reads at most 16384 bytes from each
 *    socket they report, so sockets stay readable across calls. fail on a lost
 *    wake-up (a socket whose data was pending before a call and that the call did
 *    not report), on bytes not arrived 0.8 s after the writer stopped, or on bytes
 *    out of order or damaged. Values: pairs, bytes, bytesSent, wakeups,
 *    lostWakeups, selectCalls, pollCalls, corruptReads, emptyReads (reported readable,
 *    nothing to read), throughputMBps.
 *
 * Every wait has a timeout; every descriptor, thread, child and signal handler a
 * check creates is gone when it returns, and a raised descriptor limit is put back.
 * The battery takes about 4 s on an idle machine (the timeout and stress checks
 * measure for fixed times); shimwatch_selftest_budget_ms() gives each check's upper
 * bound, and the bounds add up to 12.2 s.
 */

/* Number of checks: valid indexes are 0 .. count - 1. */
int shimwatch_selftest_count(void);

/* Stable id of check i, matching ^[a-z0-9][a-z0-9-]{0,63}$; NULL when i is out of
 * range. Static storage. */
const char *shimwatch_selftest_id(int i);

/* One line saying what check i shows; NULL when i is out of range. Static storage. */
const char *shimwatch_selftest_title(int i);

/* Longest check i takes, in milliseconds, when every wait in it runs to its timeout;
 * -1 when i is out of range. A caller with a deadline skips a check that no longer
 * fits. */
int shimwatch_selftest_budget_ms(int i);

/*
 * Runs check i in the calling thread, blocking for up to its budget, and writes its
 * result into buf (len bytes, NUL-terminated) as one JSON object, exactly the report
 * contract's selfTest object:
 *
 *   {"id":"timeout-accuracy","result":"pass","summary":"10 ms timeouts overshoot ...",
 *    "durationMs":1012,"values":{"selectOvershootP50Us":71.2,...}}
 *
 *   - result: "pass", "fail", "known-limitation" or "skipped" (see the rules above);
 *   - summary: one line, at most 500 characters, ASCII;
 *   - durationMs: the check's wall time;
 *   - values: at most 32 numbers below 1e18 in magnitude, written with up to three
 *     decimals, no exponent and "." as the decimal point whatever the locale, named
 *     ^[a-zA-Z][a-zA-Z0-9]{0,63}$; may be empty.
 *
 * Returns the length of the object, not counting the NUL, like snprintf; when that is
 * >= len the object was cut short, and running it again runs the check again, so
 * pass a buffer of SHIMWATCH_SELFTEST_JSON_MAX bytes, which always suffices. Returns
 * -1 with errno EINVAL when i is out of range or buf is NULL with len not 0, ENOMEM
 * when its working memory cannot be allocated. errno is otherwise left as it was.
 *
 * Checks run one at a time: a call made while another thread runs one waits for it.
 * Not to be called from a signal handler, or from a child of fork() in a
 * multi-threaded process.
 */
int shimwatch_selftest_run(int i, char *buf, size_t len);

/* Sizes fixed by the formats above. */
#define SHIMWATCH_HISTOGRAM_BUCKETS 720
#define SHIMWATCH_RING_CALLS 64
#define SHIMWATCH_TRAP_FRAMES 32
/* Longest object shimwatch_selftest_run() writes, with its NUL. */
#define SHIMWATCH_SELFTEST_JSON_MAX 8192

#ifdef __cplusplus
}
#endif

#endif /* SHIMWATCH_H */
