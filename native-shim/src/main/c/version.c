#include "shimwatch.h"

#ifndef SHIMWATCH_VERSION
#define SHIMWATCH_VERSION "0.1.0"
#endif

__attribute__((visibility("default"))) const char *shimwatch_version(void) {
  return SHIMWATCH_VERSION;
}
