#include "spool.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "config.h"
#include "snapshot.h"
#include "state.h"

_Atomic uint64_t sw_next_flush_ns = UINT64_MAX;

/* Set while one thread writes a periodic snapshot, so that the others do not pile
 * up behind it in their own calls. */
static atomic_flag periodic_busy = ATOMIC_FLAG_INIT;

/* Whether the spool has been found unusable; reported once, then writes stop
 * being attempted by the periodic path. */
static _Atomic int spool_broken;

int sw_spool_ensure_dir(void) {
  char path[PATH_MAX];
  size_t n = strlen(sw_config.spool);
  if (n == 0)
    return ENOENT;
  memcpy(path, sw_config.spool, n + 1);
  struct stat st;
  if (stat(path, &st) == 0)
    return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
  /* mkdir -p: create each missing component in turn. */
  for (size_t i = 1; i <= n; i++) {
    if (path[i] != '/' && path[i] != '\0')
      continue;
    char saved = path[i];
    path[i] = '\0';
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
      return errno;
    path[i] = saved;
  }
  if (stat(path, &st) != 0)
    return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

static char *append(char *p, char *end, const char *s) {
  size_t n = strlen(s);
  if (n > (size_t)(end - p))
    n = (size_t)(end - p);
  memcpy(p, s, n);
  return p + n;
}

static char *append_u64(char *p, char *end, uint64_t v) {
  char d[24];
  size_t n = sw_fmt_u64(d, v);
  d[n] = '\0';
  return append(p, end, d);
}

void sw_snapshot_file_name(char *out) {
  char *p = out, *end = out + 63;
  p = append(p, end, "snapshot-");
  p = append_u64(p, end, (uint64_t)sw_state.pid);
  p = append(p, end, "-");
  p = append_u64(p, end, sw_state.started_wall_ms);
  p = append(p, end, ".json");
  *p = '\0';
}

int sw_spool_open_tmp(const char *name, char *tmp, char *final_path) {
  int err = sw_spool_ensure_dir();
  if (err != 0)
    return -err;
  char *end = final_path + PATH_MAX - 1;
  char *p = append(final_path, end, sw_config.spool);
  p = append(p, end, "/");
  p = append(p, end, name);
  *p = '\0';
  if (p == end)
    return -ENAMETOOLONG;
  /* The thread id keeps two threads writing the same file from sharing a temp file;
   * the leading dot keeps readers that list "*.json" away from it. */
  end = tmp + PATH_MAX - 1;
  p = append(tmp, end, sw_config.spool);
  p = append(p, end, "/.");
  p = append(p, end, name);
  p = append(p, end, ".");
  p = append_u64(p, end, (uint64_t)syscall(SYS_gettid));
  p = append(p, end, ".tmp");
  *p = '\0';
  if (p == end)
    return -ENAMETOOLONG;
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  return fd >= 0 ? fd : -errno;
}

int sw_spool_commit(int fd, const char *tmp, const char *final_path, int failed) {
  int err = failed;
  if (close(fd) != 0 && err == 0)
    err = errno;
  if (err == 0 && rename(tmp, final_path) != 0)
    err = errno;
  if (err != 0)
    unlink(tmp);
  return err;
}

int sw_spool_write_snapshot(struct sw_kind_totals *scratch) {
  char name[64], tmp[PATH_MAX], final_path[PATH_MAX];
  sw_snapshot_file_name(name);
  int fd = sw_spool_open_tmp(name, tmp, final_path);
  if (fd < 0) {
    if (!atomic_exchange(&spool_broken, 1))
      sw_debug("cannot write to the spool directory", sw_config.spool);
    return -fd;
  }
  char chunk[4096];
  struct sw_sink s;
  sw_sink_fd(&s, fd, chunk, sizeof chunk);
  sw_snapshot_write(&s, scratch);
  sw_put(&s, "\n", 1);
  int err = sw_sink_finish(&s);
  err = sw_spool_commit(fd, tmp, final_path, err);
  if (err != 0 && !atomic_exchange(&spool_broken, 1))
    sw_debug("cannot write the snapshot file", final_path);
  return err;
}

void sw_spool_schedule(uint64_t now_mono_ns) {
  uint64_t next =
      sw_config.flush_interval_ns ? now_mono_ns + sw_config.flush_interval_ns : UINT64_MAX;
  atomic_store_explicit(&sw_next_flush_ns, next, memory_order_relaxed);
}

void sw_spool_periodic(uint64_t now_mono_ns) {
  uint64_t due = atomic_load_explicit(&sw_next_flush_ns, memory_order_relaxed);
  if (now_mono_ns < due)
    return;
  /* One thread wins the interval; the others go back to the client at once. */
  if (!atomic_compare_exchange_strong(&sw_next_flush_ns, &due,
                                      now_mono_ns + sw_config.flush_interval_ns))
    return;
  if (atomic_flag_test_and_set(&periodic_busy))
    return;
  static struct sw_kind_totals scratch; /* guarded by periodic_busy */
  int saved = errno;
  if (sw_spool_write_snapshot(&scratch) != 0)
    atomic_store_explicit(&sw_next_flush_ns, UINT64_MAX, memory_order_relaxed); /* give up */
  errno = saved;
  atomic_flag_clear(&periodic_busy);
}
