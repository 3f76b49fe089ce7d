#include <stdio.h>
#include <string.h>

#include "shimwatch.h"

static int failures;

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) {                                                       \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                        \
    }                                                                    \
  } while (0)

int main(void) {
  const char *v = shimwatch_version();
  CHECK(v != NULL);
  int major = -1, minor = -1, patch = -1;
  CHECK(sscanf(v, "%d.%d.%d", &major, &minor, &patch) == 3);
  CHECK(major >= 0 && minor >= 0 && patch >= 0);
  printf("test_version: %s (%s)\n", failures ? "FAILED" : "ok", v);
  return failures ? 1 : 0;
}
