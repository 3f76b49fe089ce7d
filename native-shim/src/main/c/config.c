#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sw_config sw_config;

/* A year: longer intervals are surely a typo, and the product of the value and 1e9
 * must stay far from overflowing. */
#define SW_FLUSH_MAX_SECONDS 31536000ull

void sw_debug(const char *message, const char *detail) {
  if (!sw_config.debug)
    return;
  char line[PATH_MAX + 256];
  size_t n = 0;
  const char *parts[] = {"shimwatch: ", message, detail ? ": " : "", detail ? detail : "", "\n"};
  for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
    size_t len = strlen(parts[p]);
    if (len > sizeof line - 1 - n)
      len = sizeof line - 1 - n;
    memcpy(line + n, parts[p], len);
    n += len;
  }
  ssize_t ignored = write(STDERR_FILENO, line, n);
  (void)ignored;
}

static int set_path(char *dst, const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la + lb + 1 > PATH_MAX)
    return 0;
  memcpy(dst, a, la);
  memcpy(dst + la, b, lb + 1);
  return 1;
}

static void load_spool(void) {
  const char *s = getenv("SHIMWATCH_SPOOL");
  if (s != NULL && s[0] != '\0') {
    if (!set_path(sw_config.spool, s, ""))
      sw_debug("SHIMWATCH_SPOOL is too long; not writing files", NULL);
    return;
  }
  /* The XDG base directory rules ignore relative values. */
  const char *xdg = getenv("XDG_STATE_HOME");
  if (xdg != NULL && xdg[0] == '/') {
    if (!set_path(sw_config.spool, xdg, "/shimwatch"))
      sw_debug("XDG_STATE_HOME is too long; not writing files", NULL);
    return;
  }
  const char *home = getenv("HOME");
  if (home != NULL && home[0] == '/') {
    if (!set_path(sw_config.spool, home, "/.local/state/shimwatch"))
      sw_debug("HOME is too long; not writing files", NULL);
    return;
  }
  sw_debug("no SHIMWATCH_SPOOL, XDG_STATE_HOME or HOME; not writing files", NULL);
}

static void load_flush(void) {
  const char *s = getenv("SHIMWATCH_FLUSH_SECONDS");
  if (s == NULL || s[0] == '\0')
    return;
  unsigned long long v = 0;
  const char *p = s;
  for (; *p >= '0' && *p <= '9'; p++) {
    v = v * 10 + (unsigned long long)(*p - '0');
    if (v > SW_FLUSH_MAX_SECONDS)
      break;
  }
  if (*p != '\0' || v == 0 || v > SW_FLUSH_MAX_SECONDS) {
    sw_debug("SHIMWATCH_FLUSH_SECONDS must be a whole number of seconds from 1 to "
             "31536000; periodic flush is off",
             s);
    return;
  }
  sw_config.flush_interval_ns = v * 1000000000ull;
}

int sw_running_in_jvm(void) {
  /* libjli is linked into the java launcher (so it is present before HotSpot
   * loads); JNI_CreateJavaVM is libjvm's, present when the shim is loaded later,
   * e.g. through JNA. */
  return dlsym(RTLD_DEFAULT, "JLI_Launch") != NULL ||
         dlsym(RTLD_DEFAULT, "JNI_CreateJavaVM") != NULL;
}

static void load_traps(void) {
  const char *s = getenv("SHIMWATCH_TRAPS");
  if (s != NULL && strcmp(s, "1") == 0) {
    sw_config.traps = 1;
    return;
  }
  if (s != NULL && strcmp(s, "0") == 0) {
    sw_config.traps = 0;
    return;
  }
  if (s != NULL && s[0] != '\0')
    sw_debug("SHIMWATCH_TRAPS must be 1 or 0; using the default", s);
  sw_config.traps = !sw_running_in_jvm();
}

void sw_config_load(void) {
  memset(&sw_config, 0, sizeof sw_config);
  const char *debug = getenv("SHIMWATCH_DEBUG");
  sw_config.debug = debug != NULL && strcmp(debug, "1") == 0;
  const char *disable = getenv("SHIMWATCH_DISABLE");
  if (disable != NULL && strcmp(disable, "1") == 0) {
    sw_config.disabled = 1;
    return;
  }
  load_spool();
  load_flush();
  load_traps();
  ssize_t n = readlink("/proc/self/exe", sw_config.exe, sizeof sw_config.exe - 1);
  sw_config.exe[n > 0 ? n : 0] = '\0';
}
