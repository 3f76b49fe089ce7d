/* The hand-written JSON output the snapshot and the trap handler rely on. */
#include <stdint.h>
#include <unistd.h>

#include "check.h"
#include "json.h"

static void buffer_mode_counts_what_does_not_fit(void) {
  char buf[8];
  struct sw_sink s;
  sw_sink_buffer(&s, buf, sizeof buf);
  sw_puts(&s, "0123456789");
  CHECK_EQ_LONG(s.len, 10);
  CHECK(memcmp(buf, "01234567", 8) == 0);
  sw_sink_buffer(&s, NULL, 0);
  sw_puts(&s, "abc");
  CHECK_EQ_LONG(s.len, 3);
}

static char out[4096];

static const char *render(void (*fn)(struct sw_sink *)) {
  struct sw_sink s;
  sw_sink_buffer(&s, out, sizeof out - 1);
  fn(&s);
  out[s.len < sizeof out - 1 ? s.len : sizeof out - 1] = '\0';
  return out;
}

static void numbers(struct sw_sink *s) {
  sw_put_u64(s, 0);
  sw_puts(s, " ");
  sw_put_u64(s, UINT64_MAX);
  sw_puts(s, " ");
  sw_put_i64(s, INT64_MIN);
  sw_puts(s, " ");
  sw_put_i64(s, -1);
  sw_puts(s, " ");
  sw_put_hex(s, 0);
  sw_puts(s, " ");
  sw_put_hex(s, 0xdeadbeefcafeull);
}

static void numbers_are_exact(void) {
  CHECK(strcmp(render(numbers), "0 18446744073709551615 -9223372036854775808 -1 \"0x0\" "
                                "\"0xdeadbeefcafe\"") == 0);
}

static void tricky(struct sw_sink *s) {
  sw_put_str(s, "a\"b\\c\n\x01/\xc3\xa9\xff\xe2\x82\xac\xed\xa0\x80z");
}

static void strings_are_escaped_and_valid_utf8(void) {
  const char *r = render(tricky);
  /* é and € pass through; the stray 0xff and the encoded surrogate become U+FFFD. */
  CHECK(strcmp(r,
               "\"a\\\"b\\\\c\\u000a\\u0001/\xc3\xa9\\ufffd\xe2\x82\xac\\ufffd\\ufffd\\ufffdz\"") ==
        0);
  CHECK(json_valid(r));
}

static void object(struct sw_sink *s) {
  sw_puts(s, "{");
  sw_put_key(s, "k");
  sw_put_str(s, "v");
  sw_puts(s, "}");
}

static void keys_make_objects(void) {
  const char *r = render(object);
  CHECK(strcmp(r, "{\"k\":\"v\"}") == 0);
  CHECK(json_valid(r));
}

static void fd_mode_writes_everything_through_a_small_chunk(void) {
  int p[2];
  CHECK(pipe(p) == 0);
  char chunk[7];
  struct sw_sink s;
  sw_sink_fd(&s, p[1], chunk, sizeof chunk);
  for (int i = 0; i < 100; i++)
    sw_puts(&s, "0123456789");
  CHECK_EQ_LONG(sw_sink_finish(&s), 0);
  CHECK_EQ_LONG(s.total, 1000);
  close(p[1]);
  char got[1100];
  size_t n = 0;
  ssize_t r;
  while ((r = read(p[0], got + n, sizeof got - n)) > 0)
    n += (size_t)r;
  close(p[0]);
  CHECK_EQ_LONG(n, 1000);
  CHECK(memcmp(got + 990, "0123456789", 10) == 0);
}

static void fd_mode_reports_a_failed_write(void) {
  int p[2];
  CHECK(pipe(p) == 0);
  close(p[0]);
  close(p[1]);
  char chunk[16];
  struct sw_sink s;
  sw_sink_fd(&s, p[1], chunk, sizeof chunk);
  sw_puts(&s, "data");
  CHECK_EQ_LONG(sw_sink_finish(&s), EBADF);
}

int main(void) {
  RUN(buffer_mode_counts_what_does_not_fit);
  RUN(numbers_are_exact);
  RUN(strings_are_escaped_and_valid_utf8);
  RUN(keys_make_objects);
  RUN(fd_mode_writes_everything_through_a_small_chunk);
  RUN(fd_mode_reports_a_failed_write);
  return finish_cases();
}
