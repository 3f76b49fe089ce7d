/*
 * The spool directory: the snapshot file (at exit, periodically, on request, on a
 * trap) and trap records. Files are written to a temporary name in the same directory
 * and renamed into place, so a reader never sees half a file. Everything here uses
 * only async-signal-safe calls, because the trap handler writes through it too.
 */
#ifndef SW_SPOOL_H
#define SW_SPOOL_H

#include <stdint.h>

#include "json.h"
#include "metrics.h"

/* Writes the snapshot file now. Returns 0 or an errno value. */
int sw_spool_write_snapshot(struct sw_kind_totals *scratch);

/* Writes the snapshot if SHIMWATCH_FLUSH_SECONDS has elapsed since the last one;
 * called from the wrappers with the time they already read. */
void sw_spool_periodic(uint64_t now_mono_ns);
/* Monotonic time of the next periodic flush; UINT64_MAX when there is none, so that
 * the wrappers' check is a single compare. */
extern _Atomic uint64_t sw_next_flush_ns;

/* Schedules the first periodic flush one interval from now. */
void sw_spool_schedule(uint64_t now_mono_ns);

/* Creates the spool directory (and missing parents, mode 0700). Returns 0 or errno. */
int sw_spool_ensure_dir(void);

/*
 * Opens SPOOL/.<name>.<tid>.tmp for writing; on success *tmp holds its path and the
 * caller writes the content, then calls sw_spool_commit(). Returns the fd, or -errno.
 */
int sw_spool_open_tmp(const char *name, char *tmp, char *final_path);
/* Closes fd and renames tmp to final_path (or removes it if failed != 0). */
int sw_spool_commit(int fd, const char *tmp, const char *final_path, int failed);

/* Builds "snapshot-<pid>-<startedAtMs>.json" into out (at least 64 bytes). */
void sw_snapshot_file_name(char *out);

#endif
