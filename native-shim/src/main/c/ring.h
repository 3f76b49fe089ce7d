/*
 * Per-thread state: the re-entry guard and the ring of the thread's last wrapped calls,
 * which a trap record quotes.
 *
 * The state lives in thread-local storage: no allocation and no lock on the hot path.
 * It uses the default (dynamic) TLS model: initial-exec would make dlopen() of the
 * library (JNA does that) fail with "cannot allocate memory in static TLS block",
 * because the ring does not fit in the static TLS reserve. With the dynamic model,
 * though, a thread's first touch of the block in a dlopen()ed library may allocate,
 * which the trap handler must never do. So each thread that has touched its block
 * also registers it in a fixed, lock-free table keyed by thread id, and the handler
 * finds the ring there (sw_thread_find) instead of touching TLS.
 */
#ifndef SW_RING_H
#define SW_RING_H

#include <stdint.h>

#include "metrics.h"
#include "shimwatch.h"

#define SW_RING_SIZE SHIMWATCH_RING_CALLS

/* 32 bytes, written as four plain 64-bit stores (a struct copy would go through the
 * stack and stall on store forwarding; this is on the hot path). */
struct sw_ring_entry {
  uint64_t latency_ns;
  int64_t timeout_ns;
  uint64_t nfds_result; /* nfds (saturated to 32 bits) | (uint32_t)result << 32 */
  uint64_t err_kind;    /* errno | kind << 16 */
};

static inline uint32_t sw_ring_nfds(const struct sw_ring_entry *e) {
  return (uint32_t)e->nfds_result;
}
static inline int32_t sw_ring_result(const struct sw_ring_entry *e) {
  return (int32_t)(uint32_t)(e->nfds_result >> 32);
}
static inline int sw_ring_err(const struct sw_ring_entry *e) {
  return (int)(e->err_kind & 0xffff);
}
static inline enum sw_kind sw_ring_kind(const struct sw_ring_entry *e) {
  return (enum sw_kind)(e->err_kind >> 16);
}

/* A thread's state word, the one thing a wrapped call checks before recording. */
enum {
  SW_THREAD_NEW = 0, /* not attached yet (or exited): take the slow path */
  SW_THREAD_IDLE,    /* attached, not inside the shim: record */
  /* The shim is recording a call on this thread: a wrapped call made meanwhile (from a
   * signal handler, or from something the shim itself calls) is passed through
   * unrecorded instead of re-entering the recording code. */
  SW_THREAD_BUSY,
};

struct sw_thread {
  volatile int state;
  /* Entries written so far; the newest is ring[(head - 1) % SW_RING_SIZE]. Only this
   * thread writes, and the trap handler that reads it runs on this thread, so a
   * compiler barrier orders entry and head. */
  volatile uint32_t head;
  struct sw_ring_entry ring[SW_RING_SIZE];
  /* Alternate signal stack the shim gave this thread, or NULL. */
  void *altstack;
};

extern __thread struct sw_thread sw_thread_state;

/* Registers the thread (and, with traps on, gives it an alternate signal stack), if
 * the shim is active; returns the state, or NULL to pass the call through. */
struct sw_thread *sw_thread_attach(struct sw_thread *t);

/*
 * This thread's state if the current call should be recorded, else NULL (shim not
 * active, or this thread is already inside the shim). Attaches on first use, so the
 * common case is a single load and compare.
 */
static inline __attribute__((always_inline)) struct sw_thread *sw_thread_enter(void) {
  struct sw_thread *t = &sw_thread_state;
  /* Keep the pointer in a register: otherwise the compiler recomputes the TLS address
   * (an indirect call through the TLS descriptor) at every use. */
  __asm__("" : "+r"(t));
  if (__builtin_expect(t->state == SW_THREAD_IDLE, 1))
    return t;
  return t->state == SW_THREAD_NEW ? sw_thread_attach(t) : NULL;
}

/* The state of the calling thread if it has attached, else NULL, without touching
 * TLS: for the trap handler. */
struct sw_thread *sw_thread_find(void);

/* Creates the key whose destructor unregisters a thread at exit. */
void sw_threads_init(int with_altstack);

/* In a fork child: only the calling thread survives; register it under its new id. */
void sw_threads_after_fork(void);

static inline __attribute__((always_inline)) void sw_ring_push(struct sw_thread *t,
                                                               const struct sw_call *c) {
  uint32_t head = t->head;
  struct sw_ring_entry *e = &t->ring[head % SW_RING_SIZE];
  uint32_t nfds = c->nfds > UINT32_MAX ? UINT32_MAX : (uint32_t)c->nfds;
  e->latency_ns = c->latency_ns;
  e->timeout_ns = c->timeout_ns;
  e->nfds_result = nfds | (uint64_t)(uint32_t)c->result << 32;
  e->err_kind = (uint64_t)(uint16_t)c->err | (uint64_t)c->kind << 16;
  __atomic_signal_fence(__ATOMIC_RELEASE);
  t->head = head + 1;
}

#endif
