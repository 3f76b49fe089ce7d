#include "json.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void sw_sink_buffer(struct sw_sink *s, char *buf, size_t cap) {
  memset(s, 0, sizeof *s);
  s->buf = buf;
  s->cap = cap;
  s->fd = -1;
}

void sw_sink_fd(struct sw_sink *s, int fd, char *chunk, size_t chunk_size) {
  memset(s, 0, sizeof *s);
  s->buf = chunk;
  s->cap = chunk_size;
  s->fd = fd;
}

static void drain(struct sw_sink *s) {
  size_t off = 0;
  while (off < s->len && s->error == 0) {
    ssize_t w = write(s->fd, s->buf + off, s->len - off);
    if (w < 0) {
      if (errno != EINTR)
        s->error = errno;
      continue;
    }
    off += (size_t)w;
    s->total += (size_t)w;
  }
  s->len = 0;
}

int sw_sink_finish(struct sw_sink *s) {
  if (s->fd >= 0)
    drain(s);
  return s->error;
}

void sw_put(struct sw_sink *s, const char *p, size_t n) {
  if (s->fd < 0) {
    if (s->len < s->cap) {
      size_t room = s->cap - s->len;
      memcpy(s->buf + s->len, p, n < room ? n : room);
    }
    s->len += n;
    return;
  }
  while (n > 0) {
    if (s->len == s->cap)
      drain(s);
    size_t room = s->cap - s->len;
    size_t k = n < room ? n : room;
    memcpy(s->buf + s->len, p, k);
    s->len += k;
    p += k;
    n -= k;
  }
}

void sw_puts(struct sw_sink *s, const char *p) {
  sw_put(s, p, strlen(p));
}

size_t sw_fmt_u64(char *out, uint64_t v) {
  char tmp[24];
  size_t n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (size_t i = 0; i < n; i++)
    out[i] = tmp[n - 1 - i];
  return n;
}

void sw_put_u64(struct sw_sink *s, uint64_t v) {
  char d[24];
  sw_put(s, d, sw_fmt_u64(d, v));
}

void sw_put_i64(struct sw_sink *s, int64_t v) {
  if (v < 0) {
    sw_put(s, "-", 1);
    /* Negate in unsigned arithmetic so that INT64_MIN does not overflow. */
    sw_put_u64(s, (uint64_t)0 - (uint64_t)v);
    return;
  }
  sw_put_u64(s, (uint64_t)v);
}

void sw_put_hex(struct sw_sink *s, uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  char out[20];
  size_t n = sizeof out;
  do {
    out[--n] = digits[v & 15];
    v >>= 4;
  } while (v != 0);
  out[--n] = 'x';
  out[--n] = '0';
  out[--n] = '"';
  sw_put(s, out + n, sizeof out - n);
  sw_put(s, "\"", 1);
}

/* Length of the valid UTF-8 sequence starting at p, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *p) {
  unsigned char c = p[0];
  size_t n;
  uint32_t cp;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
    cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    cp = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xc0) != 0x80)
      return 0;
    cp = (cp << 6) | (p[i] & 0x3f);
  }
  /* Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8. */
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

void sw_put_str(struct sw_sink *s, const char *str) {
  static const char digits[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char *)str;
  const unsigned char *run = p;
  sw_put(s, "\"", 1);
  while (*p != '\0') {
    unsigned char c = *p;
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      p++;
      continue;
    }
    if (c >= 0x80) {
      size_t n = utf8_len(p);
      if (n > 0) {
        p += n;
        continue;
      }
    }
    sw_put(s, (const char *)run, (size_t)(p - run));
    if (c == '"' || c == '\\') {
      char esc[2] = {'\\', (char)c};
      sw_put(s, esc, 2);
    } else if (c >= 0x80) {
      /* File names are bytes; JSON readers want UTF-8: a stray byte becomes U+FFFD. */
      sw_put(s, "\\ufffd", 6);
    } else {
      char esc[6] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 15]};
      sw_put(s, esc, 6);
    }
    p++;
    run = p;
  }
  sw_put(s, (const char *)run, (size_t)(p - run));
  sw_put(s, "\"", 1);
}

void sw_put_key(struct sw_sink *s, const char *key) {
  sw_put(s, "\"", 1);
  sw_puts(s, key);
  sw_put(s, "\":", 2);
}
