/*
 * Settings read from the environment once, at initialisation (see shimwatch.h for
 * the variables). Everything is stored in static memory so that the wrappers and the
 * trap handler can use it without allocating.
 */
#ifndef SW_CONFIG_H
#define SW_CONFIG_H

#include <limits.h>
#include <stdint.h>

struct sw_config {
  int disabled;
  int traps;
  int debug;
  uint64_t flush_interval_ns; /* 0: no periodic flush */
  char spool[PATH_MAX];       /* "" when no spool directory could be determined */
  char exe[PATH_MAX];         /* the client's executable, "" if unknown */
};

extern struct sw_config sw_config;

/* Fills sw_config from the environment. */
void sw_config_load(void);

/* 1 when this process is a Java virtual machine (see "TRAPS AND THE JVM"). */
int sw_running_in_jvm(void);

/* Writes "shimwatch: <message>\n" to stderr when SHIMWATCH_DEBUG=1; async-signal-safe. */
void sw_debug(const char *message, const char *detail);

#endif
