/*
 * A small test harness shared by the C tests: named test cases, checks that report
 * the file and line, skips that become failures under CI=true, and a minimal JSON
 * reader for the snapshot and trap documents.
 *
 * Each test case prints one line the runner (src/test/sh/run-tests.sh) counts:
 *   PASS <name> | FAIL <name>: <why> | SKIP <name>: <why>
 */
#ifndef SW_TEST_CHECK_H
#define SW_TEST_CHECK_H

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything here is static in a header shared by several tests, each using a part. */
#define SW_TEST_FN static __attribute__((unused))

static int case_failed;
static int case_skipped;
static int cases_failed;
static char case_skip_reason[256];

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                   \
      case_failed = 1;                                                                             \
    }                                                                                              \
  } while (0)

#define CHECK_EQ_LONG(a, b)                                                                        \
  do {                                                                                             \
    long long a_ = (long long)(a), b_ = (long long)(b);                                            \
    if (a_ != b_) {                                                                                \
      fprintf(stderr, "  %s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, a_,  \
              b_);                                                                                 \
      case_failed = 1;                                                                             \
    }                                                                                              \
  } while (0)

/* Marks the running case skipped, or failed when CI=true: CI must have every tool. */
SW_TEST_FN void skip_case(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(case_skip_reason, sizeof case_skip_reason, fmt, ap);
  va_end(ap);
  const char *ci = getenv("CI");
  if (ci != NULL && strcmp(ci, "true") == 0) {
    fprintf(stderr, "  CI=true and this test needs: %s\n", case_skip_reason);
    case_failed = 1;
  } else {
    case_skipped = 1;
  }
}

SW_TEST_FN void run_case(const char *name, void (*fn)(void)) {
  case_failed = 0;
  case_skipped = 0;
  fflush(stdout);
  fn();
  if (case_failed) {
    printf("FAIL %s\n", name);
    cases_failed++;
  } else if (case_skipped) {
    printf("SKIP %s: %s\n", name, case_skip_reason);
  } else {
    printf("PASS %s\n", name);
  }
  fflush(stdout);
}

#define RUN(fn) run_case(#fn, fn)

static int finish_cases(void) {
  return cases_failed ? 1 : 0;
}

/* ---- JSON reading, enough for the shim's documents ---- */

/* Skips one JSON value starting at p (after whitespace); returns the end, or NULL if
 * the text is not valid JSON. */
SW_TEST_FN const char *json_skip_ws(const char *p) {
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  return p;
}

static const char *json_skip_value(const char *p);

SW_TEST_FN const char *json_skip_string(const char *p) {
  if (*p != '"')
    return NULL;
  for (p++; *p != '"'; p++) {
    if (*p == '\0' || (unsigned char)*p < 0x20)
      return NULL;
    if (*p == '\\') {
      p++;
      if (*p == 'u') {
        for (int i = 1; i <= 4; i++)
          if (!isxdigit((unsigned char)p[i]))
            return NULL;
        p += 4;
      } else if (strchr("\"\\/bfnrt", *p) == NULL || *p == '\0') {
        return NULL;
      }
    }
  }
  return p + 1;
}

SW_TEST_FN const char *json_skip_value(const char *p) {
  p = json_skip_ws(p);
  if (*p == '{' || *p == '[') {
    char close = *p == '{' ? '}' : ']';
    int object = *p == '{';
    p = json_skip_ws(p + 1);
    if (*p == close)
      return p + 1;
    for (;;) {
      if (object) {
        p = json_skip_string(json_skip_ws(p));
        if (p == NULL)
          return NULL;
        p = json_skip_ws(p);
        if (*p++ != ':')
          return NULL;
      }
      p = json_skip_value(p);
      if (p == NULL)
        return NULL;
      p = json_skip_ws(p);
      if (*p == close)
        return p + 1;
      if (*p++ != ',')
        return NULL;
    }
  }
  if (*p == '"')
    return json_skip_string(p);
  if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
    return p + 4;
  if (strncmp(p, "false", 5) == 0)
    return p + 5;
  const char *start = p;
  if (*p == '-')
    p++;
  if (!isdigit((unsigned char)*p))
    return NULL;
  while (isdigit((unsigned char)*p) || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' ||
         *p == '-')
    p++;
  return p > start ? p : NULL;
}

/* 1 when text is exactly one JSON value (plus whitespace). */
SW_TEST_FN int json_valid(const char *text) {
  const char *end = json_skip_value(text);
  return end != NULL && *json_skip_ws(end) == '\0';
}

/* The value of key in the object starting at obj ('{'), or NULL. Not recursive. */
SW_TEST_FN const char *json_get(const char *obj, const char *key) {
  if (obj == NULL)
    return NULL;
  const char *p = json_skip_ws(obj);
  if (*p != '{')
    return NULL;
  p = json_skip_ws(p + 1);
  size_t klen = strlen(key);
  while (*p == '"') {
    const char *kend = json_skip_string(p);
    if (kend == NULL)
      return NULL;
    const char *v = json_skip_ws(json_skip_ws(kend) + 1);
    if ((size_t)(kend - p - 2) == klen && strncmp(p + 1, key, klen) == 0)
      return v;
    p = json_skip_value(v);
    if (p == NULL)
      return NULL;
    p = json_skip_ws(p);
    if (*p == ',')
      p = json_skip_ws(p + 1);
  }
  return NULL;
}

/* Follows a path of keys: json_path(doc, "calls", "poll", "count", NULL). */
SW_TEST_FN const char *json_path(const char *doc, ...) {
  va_list ap;
  va_start(ap, doc);
  const char *v = doc;
  for (const char *k = va_arg(ap, const char *); k != NULL && v != NULL;
       k = va_arg(ap, const char *))
    v = json_get(v, k);
  va_end(ap);
  return v;
}

/* A number value, or -1 when absent (all the shim's counts are non-negative). */
SW_TEST_FN long long json_num(const char *v) {
  if (v == NULL || !(isdigit((unsigned char)*v) || *v == '-'))
    return -1;
  return strtoll(v, NULL, 10);
}

#define JNUM(doc, ...) json_num(json_path(doc, __VA_ARGS__, (const char *)NULL))
#define JGET(doc, ...) json_path(doc, __VA_ARGS__, (const char *)NULL)

/* Copies a string value (without quotes and unescaped only trivially) into out. */
SW_TEST_FN int json_str(const char *v, char *out, size_t n) {
  if (v == NULL || *v != '"')
    return 0;
  const char *end = json_skip_string(v);
  if (end == NULL || (size_t)(end - v - 2) >= n)
    return 0;
  memcpy(out, v + 1, (size_t)(end - v - 2));
  out[end - v - 2] = '\0';
  return 1;
}

/* Sum of the counts of a sparse histogram object ({"buckets":{...}}), -1 if none. */
SW_TEST_FN long long json_hist_total(const char *hist) {
  const char *b = json_get(hist, "buckets");
  if (b == NULL)
    return -1;
  long long total = 0;
  const char *p = json_skip_ws(b + 1);
  while (*p == '"') {
    const char *v = json_skip_ws(json_skip_string(p) + 1);
    total += json_num(v);
    p = json_skip_ws(json_skip_value(v));
    if (*p == ',')
      p = json_skip_ws(p + 1);
  }
  return total;
}

/* Reads a whole file into a malloc'd, NUL-terminated buffer. */
SW_TEST_FN char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf != NULL && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      cap *= 2;
      char *bigger = realloc(buf, cap);
      if (bigger == NULL)
        free(buf);
      buf = bigger;
    }
  }
  fclose(f);
  if (buf != NULL)
    buf[len] = '\0';
  return buf;
}

#endif
