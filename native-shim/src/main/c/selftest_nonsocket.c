/*
 * select-non-socket: select() on a regular file, a pipe and a tty.
 *
 * The original OS/2 shim could not select() on files or devices at all (its readme's
 * third warning). On Linux the question is whether select() through the shim treats
 * such descriptors as it does without the shim, and whether they behave like sockets,
 * which is what a socket client assumes. Each kind is probed in three states (idle:
 * readable?; data pending: readable?; writable?) through the shim and again without it
 * (the next definition, called directly). The rule is in shimwatch.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include "selftest.h"

/* How long the data may take to reach the reading side (a pty delivers it from a
 * kernel work queue, not at once). */
#define SW_NONSOCKET_DATA_WAIT_MS 500

enum sw_nonsocket_verdict sw_nonsocket_classify(const struct sw_nonsocket_probe *p) {
  if (p->idle_read != p->next_idle_read || p->data_read != p->next_data_read ||
      p->can_write != p->next_write)
    return SW_NS_SHIM_CHANGED_IT;
  if (p->idle_read < 0 || p->data_read < 0 || p->can_write < 0)
    return SW_NS_REFUSED;
  if (p->idle_read == 0 && p->data_read == 1 && p->can_write == 1)
    return SW_NS_LIKE_SOCKET;
  return SW_NS_DIFFERS;
}

struct subject {
  const char *name;
  int rfd, wfd; /* where select looks for reading and writing */
  int feed_fd;  /* where a byte is written to make rfd readable */
  int rewind;   /* a regular file: seek back to the byte after writing it */
  int fds[2];   /* to close */
  char why[96]; /* why it could not be set up, "" if it was */
  struct sw_nonsocket_probe probe;
  enum sw_nonsocket_verdict verdict;
};

static void subject_init(struct subject *s, const char *name) {
  memset(s, 0, sizeof *s);
  s->name = name;
  s->rfd = s->wfd = s->feed_fd = s->fds[0] = s->fds[1] = -1;
}

static void why_errno(struct subject *s, const char *what) {
  char e[16];
  snprintf(s->why, sizeof s->why, "%s failed: %s", what, sw_st_errno(errno, e, sizeof e));
}

/* An empty regular file: memfd is one (tmpfs) and needs no writable directory. */
static void open_file(struct subject *s) {
  int fd = memfd_create("shimwatch-selftest", MFD_CLOEXEC);
  if (fd < 0)
    fd = open(P_tmpdir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) {
    why_errno(s, "memfd_create and O_TMPFILE");
    return;
  }
  s->fds[0] = s->rfd = s->wfd = s->feed_fd = fd;
  s->rewind = 1;
}

static void open_pipe(struct subject *s) {
  if (pipe2(s->fds, O_CLOEXEC) != 0) {
    why_errno(s, "pipe2");
    return;
  }
  s->rfd = s->fds[0];
  s->wfd = s->feed_fd = s->fds[1];
}

/* A pseudo-terminal's slave in raw mode, so that one byte is readable input (no line
 * discipline waiting for a newline, no echo). */
static void open_tty(struct subject *s) {
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) {
    why_errno(s, "posix_openpt");
    return;
  }
  s->fds[0] = master;
  char name[64];
  if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof name) != 0) {
    why_errno(s, "unlocking the pty");
    return;
  }
  int slave = s->fds[1] = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    why_errno(s, "opening the pty slave");
    return;
  }
  struct termios t;
  if (tcgetattr(slave, &t) != 0) {
    why_errno(s, "tcgetattr");
    return;
  }
  cfmakeraw(&t);
  if (tcsetattr(slave, TCSANOW, &t) != 0) {
    why_errno(s, "tcsetattr");
    return;
  }
  s->rfd = s->wfd = slave;
  s->feed_fd = master;
}

static int probe(struct subject *s) {
  struct sw_nonsocket_probe *p = &s->probe;
  p->idle_read = sw_st_select_one(s->rfd, 0, 0, SW_VIA_SHIM);
  p->next_idle_read = sw_st_select_one(s->rfd, 0, 0, SW_VIA_NEXT);
  p->can_write = sw_st_select_one(s->wfd, 1, 0, SW_VIA_SHIM);
  p->next_write = sw_st_select_one(s->wfd, 1, 0, SW_VIA_NEXT);
  if (write(s->feed_fd, "x", 1) != 1 || (s->rewind && lseek(s->rfd, 0, SEEK_SET) != 0)) {
    why_errno(s, "writing a byte");
    return 0;
  }
  p->data_read = sw_st_select_one(s->rfd, 0, SW_NONSOCKET_DATA_WAIT_MS, SW_VIA_SHIM);
  p->next_data_read = sw_st_select_one(s->rfd, 0, 0, SW_VIA_NEXT);
  s->verdict = sw_nonsocket_classify(p);
  return 1;
}

/* What differs from a socket, for the summary. */
static void describe(const struct subject *s, char *out, size_t n) {
  const struct sw_nonsocket_probe *p = &s->probe;
  char e[16];
  switch (s->verdict) {
  case SW_NS_LIKE_SOCKET:
    snprintf(out, n, "a %s behaves like a socket", s->name);
    break;
  case SW_NS_REFUSED: {
    int err = p->idle_read < 0 ? -p->idle_read : p->data_read < 0 ? -p->data_read : -p->can_write;
    snprintf(out, n, "select() refuses a %s (%s), with or without the shim", s->name,
             sw_st_errno(err, e, sizeof e));
    break;
  }
  case SW_NS_SHIM_CHANGED_IT:
    snprintf(out, n,
             "through the shim select() on a %s answers idle-readable %d, data-readable %d, "
             "writable %d; without it %d, %d, %d",
             s->name, p->idle_read, p->data_read, p->can_write, p->next_idle_read,
             p->next_data_read, p->next_write);
    break;
  case SW_NS_DIFFERS:
  default:
    snprintf(out, n, "a %s is%s%s%s, unlike a socket%s", s->name,
             p->idle_read == 1 ? " reported readable with nothing to read" : "",
             p->data_read == 0 ? " not reported readable with data pending" : "",
             p->can_write == 0 ? " not reported writable" : "",
             s->rewind ? " (POSIX: select() reports regular files always ready)" : "");
    break;
  }
}

void sw_check_select_non_socket(struct sw_st *st) {
  struct subject subjects[3];
  subject_init(&subjects[0], "regular file");
  subject_init(&subjects[1], "pipe");
  subject_init(&subjects[2], "tty");
  open_file(&subjects[0]);
  open_pipe(&subjects[1]);
  open_tty(&subjects[2]);
  static const char *const value_names[3] = {"fileLikeSocket", "pipeLikeSocket", "ttyLikeSocket"};

  int tested = 0, changed = 0, limited = 0;
  char parts[3][256], untested[320] = "";
  for (int i = 0; i < 3; i++) {
    struct subject *s = &subjects[i];
    parts[i][0] = '\0';
    if (s->why[0] == '\0' && probe(s)) {
      tested++;
      changed += s->verdict == SW_NS_SHIM_CHANGED_IT;
      limited += s->verdict == SW_NS_DIFFERS || s->verdict == SW_NS_REFUSED;
      sw_st_value(st, value_names[i], s->verdict == SW_NS_LIKE_SOCKET);
      describe(s, parts[i], sizeof parts[i]);
    } else {
      size_t u = strlen(untested);
      snprintf(untested + u, sizeof untested - u, "; the %s was not tested: %s", s->name, s->why);
    }
    sw_st_close_all(s->fds, 2);
  }
  sw_st_value(st, "kindsTested", tested);
  sw_st_value(st, "shimDifferences", changed);

  /* The summary leads with what decided the result. */
  char text[SW_ST_SUMMARY_MAX + 1] = "";
  size_t used = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < 3; i++) {
      if (parts[i][0] == '\0')
        continue;
      int decisive = subjects[i].verdict != SW_NS_LIKE_SOCKET;
      if (decisive != (pass == 0))
        continue;
      int w = snprintf(text + used, sizeof text - used, "%s%s", used ? "; " : "", parts[i]);
      if (w > 0)
        used = used + (size_t)w < sizeof text ? used + (size_t)w : sizeof text - 1;
    }
  }
  if (tested == 0)
    sw_st_set(st, SW_ST_SKIPPED, "no file, pipe or tty could be set up%s", untested);
  else if (changed > 0)
    sw_st_set(st, SW_ST_FAIL, "%s%s", text, untested);
  else if (limited > 0)
    sw_st_set(st, SW_ST_KNOWN_LIMITATION, "%s%s", text, untested);
  else
    sw_st_set(st, SW_ST_PASS, "%s%s", text, untested);
}
