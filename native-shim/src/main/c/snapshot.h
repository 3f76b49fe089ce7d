/* The snapshot document (format in shimwatch.h), produced into a buffer or a file. */
#ifndef SW_SNAPSHOT_H
#define SW_SNAPSHOT_H

#include "json.h"
#include "metrics.h"

/*
 * Writes the whole document to s. scratch holds one kind's totals at a time; callers
 * pass their own so that the trap handler can use static memory and API callers on
 * different threads do not share it. Async-signal-safe.
 */
void sw_snapshot_write(struct sw_sink *s, struct sw_kind_totals *scratch);

#endif
