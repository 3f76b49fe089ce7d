/*
 * Start-up, fork and exit: reads the settings, resolves the wrapped functions,
 * installs the trap handlers and writes the last snapshot. Also the API functions
 * that are about the library as a whole.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "metrics.h"
#include "ring.h"
#include "shimwatch.h"
#include "spool.h"
#include "state.h"
#include "traps.h"
#include "wrappers.h"

#ifndef SHIMWATCH_VERSION
#define SHIMWATCH_VERSION "0.1.0"
#endif

#define SW_EXPORT __attribute__((visibility("default")))

struct sw_state sw_state;

SW_EXPORT const char *shimwatch_version(void) {
  return SHIMWATCH_VERSION;
}

SW_EXPORT int shimwatch_enabled(void) {
  return atomic_load_explicit(&sw_state.active, memory_order_acquire);
}

static void start_period(void) {
  sw_state.pid = getpid();
  sw_state.started_wall_ms = sw_wall_ms();
  uint64_t now = sw_mono_ns();
  atomic_store_explicit(&sw_state.period_start_mono_ns, now, memory_order_relaxed);
  sw_spool_schedule(now);
}

/* The child of fork() starts from zero under its own pid, so that adding up the
 * snapshots of a process tree counts every call once. Only the forking thread exists
 * in the child, so nothing races with the reset. */
static void after_fork_in_child(void) {
  sw_threads_after_fork();
  sw_metrics_clear();
  start_period();
}

SW_EXPORT int shimwatch_flush(void) {
  if (!atomic_load_explicit(&sw_state.active, memory_order_acquire)) {
    errno = ECANCELED;
    return -1;
  }
  static struct sw_kind_totals scratch;
  static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  /* The API may be called from several threads; they share one scratch area. This
   * lock is never taken by a wrapped call. */
  pthread_mutex_lock(&lock);
  int err = sw_spool_write_snapshot(&scratch);
  pthread_mutex_unlock(&lock);
  if (err != 0) {
    errno = err;
    return -1;
  }
  return 0;
}

__attribute__((constructor)) static void shimwatch_init(void) {
  int saved = errno;
  sw_wrappers_init();
  sw_config_load();
  if (!sw_config.disabled) {
    sw_errno_names_init();
    start_period();
    sw_threads_init(sw_config.traps);
    pthread_atfork(NULL, NULL, after_fork_in_child);
    if (sw_config.traps)
      sw_traps_install();
    atomic_store_explicit(&sw_state.active, 1, memory_order_release);
    sw_thread_enter(); /* the loading thread gets its alternate stack now */
  }
  errno = saved;
}

__attribute__((destructor)) static void shimwatch_fini(void) {
  if (!atomic_load_explicit(&sw_state.active, memory_order_acquire) || !sw_has_calls())
    return;
  int saved = errno;
  /* Other threads may still be running and polling: they keep being counted in
   * memory, but the file holds what was there at exit. */
  static struct sw_kind_totals scratch;
  sw_spool_write_snapshot(&scratch);
  errno = saved;
}
