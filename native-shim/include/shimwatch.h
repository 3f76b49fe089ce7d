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
 * SPOOL/trap-<pid>-<tid>-<timeMs>.json, one per fatal signal (SIGSEGV, SIGBUS,
 * SIGILL, SIGFPE, SIGABRT), written from the signal handler with async-signal-safe
 * calls only (open, write, rename, close, read of /proc/self/maps), temp + rename:
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
 * Reserved: the stack self-tests (select readiness, timeout accuracy, descriptors at
 * or above FD_SETSIZE, select on files, pipes and ttys, inheritance across fork,
 * EINTR) will be declared here as shimwatch_selftest_*; the export map already
 * exports every shimwatch_* name, and they will call the unwrapped functions the
 * wrappers resolve, so that they test the stack rather than the shim.
 */

/* Sizes fixed by the formats above. */
#define SHIMWATCH_HISTOGRAM_BUCKETS 720
#define SHIMWATCH_RING_CALLS 64
#define SHIMWATCH_TRAP_FRAMES 32

#ifdef __cplusplus
}
#endif

#endif /* SHIMWATCH_H */
