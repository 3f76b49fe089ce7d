/*
 * Hand-written JSON output into a bounded buffer or a file descriptor.
 *
 * No stdio, no allocation, no locale: only memcpy and write(), so that the trap
 * handler can use it as well as shimwatch_snapshot().
 */
#ifndef SW_JSON_H
#define SW_JSON_H

#include <stddef.h>
#include <stdint.h>

struct sw_sink {
  char *buf;
  size_t cap;
  size_t len;   /* bytes produced so far (buffer mode: may exceed cap) */
  int fd;       /* -1: buffer mode; else buf is a chunk written out when full */
  int error;    /* errno of the first failed write, 0 if none */
  size_t total; /* fd mode: bytes written to fd */
};

/* Buffer mode: output goes to buf[0..cap); len counts the whole output. */
void sw_sink_buffer(struct sw_sink *s, char *buf, size_t cap);
/* File mode: output is collected in chunk and written to fd as it fills. */
void sw_sink_fd(struct sw_sink *s, int fd, char *chunk, size_t chunk_size);
/* File mode: writes out what is left; returns 0 or the errno of a failed write. */
int sw_sink_finish(struct sw_sink *s);

void sw_put(struct sw_sink *s, const char *p, size_t n);
void sw_puts(struct sw_sink *s, const char *p);
void sw_put_u64(struct sw_sink *s, uint64_t v);
void sw_put_i64(struct sw_sink *s, int64_t v);
/* "0x" followed by lowercase hex digits, as a JSON string. */
void sw_put_hex(struct sw_sink *s, uint64_t v);
/* A JSON string, with quotes, escaping quote, backslash and control characters. */
void sw_put_str(struct sw_sink *s, const char *p);
/* "key": — key is trusted (a literal). */
void sw_put_key(struct sw_sink *s, const char *key);

/* Decimal digits of v into out (at least 21 bytes); returns the length. */
size_t sw_fmt_u64(char *out, uint64_t v);

#endif
