/*
 * The stack self-tests (see "SELF-TESTS" in shimwatch.h): one check per function,
 * grouped in files by concern, plus what they share: the result they fill in, its
 * JSON form, descriptor sets of any size, and the descriptor limit.
 *
 * Each check has a "core" that takes what a test needs to make it fail (a descriptor
 * that is not ready, a blocked signal, a descriptor the reader does not watch); the
 * check itself calls its core with the real setup. The C tests compiled with these
 * sources call the cores directly.
 */
#ifndef SW_SELFTEST_H
#define SW_SELFTEST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/select.h>

/* Limits of the report contract's selfTest object. */
#define SW_ST_SUMMARY_MAX 500
#define SW_ST_VALUES_MAX 32
#define SW_ST_NAME_MAX 64
/* Values are written as decimal numbers without an exponent; none of the checks'
 * figures comes near this. */
#define SW_ST_VALUE_LIMIT 1e18

enum sw_st_result { SW_ST_PASS, SW_ST_FAIL, SW_ST_KNOWN_LIMITATION, SW_ST_SKIPPED };

struct sw_st_value {
  char name[SW_ST_NAME_MAX + 1];
  double value;
};

/* What a check found. Starts as "fail" with "the check did not finish": a check
 * that forgets to decide cannot pass. */
struct sw_st {
  enum sw_st_result result;
  char summary[SW_ST_SUMMARY_MAX + 1];
  int nvalues;
  struct sw_st_value values[SW_ST_VALUES_MAX];
};

void sw_st_init(struct sw_st *st);

/* Sets the result and its one-line summary (printf format, cut at 500 bytes). */
void sw_st_set(struct sw_st *st, enum sw_st_result result, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Adds (or replaces) a measured value. Names must match ^[a-zA-Z][a-zA-Z0-9]{0,63}$
 * and values be finite and below SW_ST_VALUE_LIMIT in magnitude; anything else, or a
 * 33rd name, is dropped, so that the JSON always fits the contract.
 */
void sw_st_value(struct sw_st *st, const char *name, double value);

/* The contract's selfTest object for st, snprintf-style (see shimwatch_selftest_run). */
int sw_st_json(const struct sw_st *st, const char *id, uint64_t duration_ms, char *buf, size_t len);

/* "pass", "fail", "known-limitation" or "skipped". */
const char *sw_st_result_name(enum sw_st_result result);

/* errno's name ("EBADF"), or "E<n>" in buf when it has none. */
const char *sw_st_errno(int err, char *buf, size_t len);

/* Microseconds from nanoseconds, rounded to whole ones: for summaries. */
long long sw_st_us(uint64_t ns);

/* ---- descriptor sets of any size ---- */

/*
 * An fd_set-compatible bit array for descriptors 0 .. nfds-1, on the heap, as
 * programs that select on descriptors at or above FD_SETSIZE allocate them. The
 * kernel reads and writes exactly ceil(nfds / NFDBITS) words, and glibc passes the
 * pointer through untouched, so the call is valid for any nfds.
 */
struct sw_fdset {
  fd_mask *words;
  size_t nwords;
};

int sw_fdset_alloc(struct sw_fdset *s, int nfds); /* 0, or -1 with errno ENOMEM */
void sw_fdset_free(struct sw_fdset *s);
void sw_fdset_zero(struct sw_fdset *s);
void sw_fdset_set(struct sw_fdset *s, int fd);
int sw_fdset_isset(const struct sw_fdset *s, int fd);
static inline fd_set *sw_fdset_ptr(struct sw_fdset *s) {
  return (fd_set *)(void *)s->words;
}

/* ---- descriptor limit ---- */

/*
 * Raises the RLIMIT_NOFILE soft limit to at least want (never above the hard limit)
 * and remembers the previous value in *saved. Returns 1 when it raised it, 0 when
 * it was already enough, -1 when the hard limit is lower than want.
 */
int sw_st_nofile_at_least(rlim_t want, struct rlimit *saved);
/* Puts back the soft limit sw_st_nofile_at_least() raised. */
void sw_st_nofile_restore(const struct rlimit *saved);

/* ---- one descriptor, one call ---- */

enum { SW_VIA_SHIM, SW_VIA_NEXT };

/*
 * Waits up to timeout_ms for fd to be readable (or writable, with for_write) with
 * select or poll, through the shim's wrapper (SW_VIA_SHIM) or straight to the next
 * definition (SW_VIA_NEXT). Returns 1 when it is ready, 0 when the call timed out,
 * -errno when the call failed (-EBADF for poll's POLLNVAL). A call interrupted by
 * some other signal of the host is repeated, twice at most.
 */
int sw_st_select_one(int fd, int for_write, int timeout_ms, int via);
int sw_st_poll_one(int fd, int for_write, int timeout_ms, int via);

/* Closes every descriptor in fds that is >= 0. */
void sw_st_close_all(int *fds, int n);

/* ---- the checks, in battery order ---- */

void sw_check_select_readiness(struct sw_st *st);
void sw_check_timeout_accuracy(struct sw_st *st);
void sw_check_nonblocking_connect(struct sw_st *st);
void sw_check_many_descriptors(struct sw_st *st);
void sw_check_select_fd_setsize(struct sw_st *st);
void sw_check_select_non_socket(struct sw_st *st);
void sw_check_fork_inheritance(struct sw_st *st);
void sw_check_select_eintr(struct sw_st *st);
void sw_check_bittorrent_stress(struct sw_st *st);

/* ---- cores, which the tests also call ---- */

/* select-readiness on fd, which should have data pending; ready_wait_ms bounds each of the
 * blocking calls. */
void sw_readiness_core(struct sw_st *st, int fd, int ready_wait_ms);

/* timeout-accuracy on fd, which should stay idle: calls timed calls per call kind. */
void sw_timeout_core(struct sw_st *st, int fd, int calls, int timeout_ms);

/* One round of many-descriptors: n descriptors in fds, of which exactly those with
 * readable[i] != 0 must be reported readable, by select (those below FD_SETSIZE)
 * and by poll (all), both with a zero timeout. */
struct sw_many_round {
  int selected, select_mismatches, poll_mismatches, select_checked;
};
void sw_many_round(const int *fds, const unsigned char *readable, int n, struct sw_many_round *out);

/*
 * select-non-socket's verdict for one kind of descriptor, from what was observed. Each probe
 * is 1 (ready), 0 (not ready) or -errno; "next" is the same call without the shim.
 */
struct sw_nonsocket_probe {
  int idle_read, data_read, can_write;            /* through the shim */
  int next_idle_read, next_data_read, next_write; /* without it */
};
enum sw_nonsocket_verdict {
  SW_NS_LIKE_SOCKET,    /* ready exactly when a socket in that state would be */
  SW_NS_DIFFERS,        /* works, but its readiness differs from a socket's */
  SW_NS_REFUSED,        /* select refuses it (an error), with and without the shim */
  SW_NS_SHIM_CHANGED_IT /* the result through the shim differs from the one without */
};
enum sw_nonsocket_verdict sw_nonsocket_classify(const struct sw_nonsocket_probe *p);

/* fork-inheritance; with child_closes_first the child closes its copy before using it, as a
 * stack without inheritance would leave it. */
void sw_fork_core(struct sw_st *st, int child_closes_first);

/* select-eintr; with block_signal the signal is blocked in the waiting thread, so it
 * cannot interrupt the calls, which then wait for wait_ms. */
void sw_eintr_core(struct sw_st *st, int block_signal, int wait_ms);

/* bittorrent-stress with pairs socket pairs for duration_ms; blind_pair >= 0 is a pair the
 * reader leaves out of its select/poll, as a shim that forgot a descriptor would. */
void sw_stress_core(struct sw_st *st, int pairs, int duration_ms, int blind_pair);

#endif
