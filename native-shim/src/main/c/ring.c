#include "ring.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "state.h"

__thread struct sw_thread sw_thread_state;

/* 64 KiB: room for the trap handler's frames (its large buffers are static) and for a
 * chained handler, comfortably above SIGSTKSZ on any current kernel. */
#define SW_ALTSTACK_SIZE (64 * 1024)

/*
 * Thread id -> state, open addressing with linear probing. Slots are claimed with a
 * compare-and-swap on the id and never return to "empty" (a departed thread leaves a
 * tombstone that a later thread may claim), so a lookup can stop at the first empty
 * slot. 4096 slots: threads beyond that many alive at once still record calls, but
 * their trap records carry no recent calls.
 */
#define SW_THREAD_SLOTS 4096
#define SW_TID_EMPTY 0
#define SW_TID_GONE (-1)

struct thread_slot {
  _Atomic long tid;
  struct sw_thread *_Atomic state;
};

static struct thread_slot slots[SW_THREAD_SLOTS];
static pthread_key_t exit_key;
static int want_altstack;
static int have_key;

static long current_tid(void) {
  return syscall(SYS_gettid);
}

static unsigned slot_hash(long tid) {
  return (unsigned)((unsigned long)tid * 2654435761u) % SW_THREAD_SLOTS;
}

static struct thread_slot *find_slot(long tid) {
  unsigned h = slot_hash(tid);
  for (unsigned i = 0; i < SW_THREAD_SLOTS; i++) {
    struct thread_slot *s = &slots[(h + i) % SW_THREAD_SLOTS];
    long cur = atomic_load_explicit(&s->tid, memory_order_acquire);
    if (cur == tid)
      return s;
    if (cur == SW_TID_EMPTY)
      return NULL;
  }
  return NULL;
}

static void register_thread(struct sw_thread *t, long tid) {
  struct thread_slot *s = find_slot(tid);
  if (s != NULL) { /* a stale entry of an earlier thread with this id */
    atomic_store_explicit(&s->state, t, memory_order_release);
    return;
  }
  unsigned h = slot_hash(tid);
  for (unsigned i = 0; i < SW_THREAD_SLOTS; i++) {
    s = &slots[(h + i) % SW_THREAD_SLOTS];
    long cur = atomic_load_explicit(&s->tid, memory_order_relaxed);
    if ((cur == SW_TID_EMPTY || cur == SW_TID_GONE) &&
        atomic_compare_exchange_strong(&s->tid, &cur, tid)) {
      atomic_store_explicit(&s->state, t, memory_order_release);
      return;
    }
  }
}

struct sw_thread *sw_thread_find(void) {
  struct thread_slot *s = find_slot(current_tid());
  return s != NULL ? atomic_load_explicit(&s->state, memory_order_acquire) : NULL;
}

/* Thread exit: leave the table and give back the stack, unless the client replaced
 * the stack with its own. */
static void thread_exit(void *arg) {
  struct sw_thread *t = arg;
  struct thread_slot *s = find_slot(current_tid());
  if (s != NULL) {
    atomic_store_explicit(&s->state, NULL, memory_order_release);
    atomic_store_explicit(&s->tid, SW_TID_GONE, memory_order_release);
  }
  /* A wrapped call from a later TLS destructor attaches again. */
  t->state = SW_THREAD_NEW;
  if (t->altstack == NULL)
    return;
  stack_t cur;
  if (sigaltstack(NULL, &cur) == 0 && cur.ss_sp == t->altstack) {
    stack_t off = {.ss_flags = SS_DISABLE};
    if (sigaltstack(&off, NULL) != 0)
      return; /* still in use (exiting from a handler): leaking it is the safe choice */
  }
  munmap(t->altstack, SW_ALTSTACK_SIZE);
  t->altstack = NULL;
}

void sw_threads_init(int with_altstack) {
  want_altstack = with_altstack;
  have_key = pthread_key_create(&exit_key, thread_exit) == 0;
}

void sw_threads_after_fork(void) {
  for (unsigned i = 0; i < SW_THREAD_SLOTS; i++) {
    atomic_store_explicit(&slots[i].state, NULL, memory_order_relaxed);
    atomic_store_explicit(&slots[i].tid, SW_TID_EMPTY, memory_order_relaxed);
  }
  struct sw_thread *t = &sw_thread_state;
  if (t->state != SW_THREAD_NEW)
    register_thread(t, current_tid());
}

static void give_altstack(struct sw_thread *t) {
  stack_t cur;
  /* A thread that already has one (the client's, a sanitizer's) keeps it. */
  if (sigaltstack(NULL, &cur) != 0 || !(cur.ss_flags & SS_DISABLE))
    return;
  void *mem = mmap(NULL, SW_ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (mem == MAP_FAILED)
    return;
  stack_t ss = {.ss_sp = mem, .ss_size = SW_ALTSTACK_SIZE, .ss_flags = 0};
  if (sigaltstack(&ss, NULL) != 0) {
    munmap(mem, SW_ALTSTACK_SIZE);
    return;
  }
  t->altstack = mem;
}

struct sw_thread *sw_thread_attach(struct sw_thread *t) {
  /* Before initialisation has finished (a call from another library's constructor) or
   * with SHIMWATCH_DISABLE=1, threads stay unattached and calls pass through. */
  if (!atomic_load_explicit(&sw_state.active, memory_order_acquire))
    return NULL;
  if (want_altstack && t->altstack == NULL)
    give_altstack(t);
  register_thread(t, current_tid());
  if (have_key)
    pthread_setspecific(exit_key, t);
  __atomic_signal_fence(__ATOMIC_RELEASE);
  t->state = SW_THREAD_IDLE;
  return t;
}
