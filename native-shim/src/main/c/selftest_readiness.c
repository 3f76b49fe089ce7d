/*
 * Readiness: pending data is reported at once (select-readiness), a non-blocking
 * connect becomes writable (nonblocking-connect), and among many sockets exactly
 * the readable ones are reported (many-descriptors).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "selftest.h"
#include "wrappers.h"

/* ---- select-readiness ---- */

/* How long the blocking forms may wait; a ready descriptor must return long before. */
#define SW_READY_WAIT_MS 200

void sw_readiness_core(struct sw_st *st, int fd, int ready_wait_ms) {
  static const struct {
    const char *call;
    int use_poll, blocking;
  } steps[] = {{"select", 0, 0}, {"select", 0, 1}, {"poll", 1, 0}, {"poll", 1, 1}};
  uint64_t blocking_ns[2] = {0, 0};
  char name[16];
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    int timeout = steps[i].blocking ? ready_wait_ms : 0;
    uint64_t t0 = sw_mono_ns();
    int r = steps[i].use_poll ? sw_st_poll_one(fd, 0, timeout, SW_VIA_SHIM)
                              : sw_st_select_one(fd, 0, timeout, SW_VIA_SHIM);
    uint64_t took = sw_mono_ns() - t0;
    if (r < 0) {
      sw_st_set(st, SW_ST_FAIL, "%s() on a socket with pending data failed with %s", steps[i].call,
                sw_st_errno(-r, name, sizeof name));
      return;
    }
    if (r == 0) {
      sw_st_set(st, SW_ST_FAIL,
                "%s() did not report pending data on a socket pair as readable "
                "(%d ms timeout, waited %lld us)",
                steps[i].call, timeout, sw_st_us(took));
      return;
    }
    /* Returning because of the data, not because of the clock: well before the
     * timeout. */
    if (steps[i].blocking && took > (uint64_t)ready_wait_ms * 1000000u / 2) {
      sw_st_set(st, SW_ST_FAIL,
                "%s() reported pending data only after %lld us, not at once (%d ms timeout)",
                steps[i].call, sw_st_us(took), ready_wait_ms);
      return;
    }
    if (steps[i].blocking)
      blocking_ns[steps[i].use_poll] = took;
  }
  sw_st_value(st, "selectUs", (double)blocking_ns[0] / 1000.0);
  sw_st_value(st, "pollUs", (double)blocking_ns[1] / 1000.0);
  sw_st_set(st, SW_ST_PASS,
            "pending data on a socket pair was reported readable at once: select() after %lld us, "
            "poll() after %lld us",
            sw_st_us(blocking_ns[0]), sw_st_us(blocking_ns[1]));
}

void sw_check_select_readiness(struct sw_st *st) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    char e[16];
    sw_st_set(st, SW_ST_SKIPPED, "no socket pair could be made: %s",
              sw_st_errno(errno, e, sizeof e));
    return;
  }
  if (write(sv[0], "x", 1) != 1) {
    char e[16];
    sw_st_set(st, SW_ST_FAIL, "writing to a socket pair failed: %s",
              sw_st_errno(errno, e, sizeof e));
  } else {
    sw_readiness_core(st, sv[1], SW_READY_WAIT_MS);
  }
  sw_st_close_all(sv, 2);
}

/* ---- nonblocking-connect ---- */

#define SW_CONNECT_WAIT_MS 500

static void connect_core(struct sw_st *st, int *fds) {
  char e[16];
  int listener = fds[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0) {
    sw_st_set(st, errno == EAFNOSUPPORT ? SW_ST_SKIPPED : SW_ST_FAIL,
              "no IPv4 TCP socket could be made: %s", sw_st_errno(errno, e, sizeof e));
    return;
  }
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t alen = sizeof addr;
  if (bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(listener, 4) != 0 ||
      getsockname(listener, (struct sockaddr *)&addr, &alen) != 0) {
    sw_st_set(st, errno == EADDRNOTAVAIL ? SW_ST_SKIPPED : SW_ST_FAIL,
              "no listener on 127.0.0.1 could be set up: %s", sw_st_errno(errno, e, sizeof e));
    return;
  }
  int client = fds[1] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (client < 0) {
    sw_st_set(st, SW_ST_FAIL, "no client socket: %s", sw_st_errno(errno, e, sizeof e));
    return;
  }
  uint64_t t0 = sw_mono_ns();
  int c = connect(client, (struct sockaddr *)&addr, sizeof addr);
  int in_progress = c < 0 && errno == EINPROGRESS;
  if (c < 0 && !in_progress) {
    sw_st_set(st, SW_ST_FAIL, "a non-blocking connect() to 127.0.0.1 failed at once: %s",
              sw_st_errno(errno, e, sizeof e));
    return;
  }
  int r = sw_st_select_one(client, 1, SW_CONNECT_WAIT_MS, SW_VIA_SHIM);
  uint64_t connect_ns = sw_mono_ns() - t0;
  if (r != 1) {
    if (r < 0)
      sw_st_set(st, SW_ST_FAIL, "select() on the connecting socket failed: %s",
                sw_st_errno(-r, e, sizeof e));
    else
      sw_st_set(st, SW_ST_FAIL,
                "a non-blocking connect to a loopback listener was not reported writable "
                "within %d ms",
                SW_CONNECT_WAIT_MS);
    return;
  }
  int so_error = 0;
  socklen_t elen = sizeof so_error;
  if (getsockopt(client, SOL_SOCKET, SO_ERROR, &so_error, &elen) != 0 || so_error != 0) {
    sw_st_set(st, SW_ST_FAIL, "the socket became writable but the connection failed: %s",
              sw_st_errno(so_error != 0 ? so_error : errno, e, sizeof e));
    return;
  }
  if (sw_st_poll_one(client, 1, 0, SW_VIA_SHIM) != 1) {
    sw_st_set(st, SW_ST_FAIL, "select() reported the connected socket writable, poll() did not");
    return;
  }
  /* The listener reports the connection, and a byte crosses it: it is a real one. */
  uint64_t t1 = sw_mono_ns();
  if (sw_st_poll_one(listener, 0, SW_CONNECT_WAIT_MS, SW_VIA_SHIM) != 1) {
    sw_st_set(st, SW_ST_FAIL, "the listener was not reported readable within %d ms",
              SW_CONNECT_WAIT_MS);
    return;
  }
  uint64_t accept_ns = sw_mono_ns() - t1;
  int accepted = fds[2] = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
  char byte = 0;
  if (accepted < 0 || write(client, "x", 1) != 1 ||
      sw_st_select_one(accepted, 0, SW_CONNECT_WAIT_MS, SW_VIA_SHIM) != 1 ||
      read(accepted, &byte, 1) != 1 || byte != 'x') {
    sw_st_set(st, SW_ST_FAIL, "the connection was reported but did not carry a byte");
    return;
  }
  sw_st_value(st, "connectUs", (double)connect_ns / 1000.0);
  sw_st_value(st, "acceptUs", (double)accept_ns / 1000.0);
  sw_st_set(st, SW_ST_PASS,
            "a non-blocking connect to 127.0.0.1 (%s) was reported writable after %lld us, "
            "accepted and carried a byte",
            in_progress ? "EINPROGRESS" : "connected at once", sw_st_us(connect_ns));
}

void sw_check_nonblocking_connect(struct sw_st *st) {
  int fds[3] = {-1, -1, -1};
  connect_core(st, fds);
  sw_st_close_all(fds, 3);
}

/* ---- many-descriptors ---- */

#define SW_MANY_SOCKETS 256
#define SW_MANY_ROUNDS 4

void sw_many_round(const int *fds, const unsigned char *readable, int n,
                   struct sw_many_round *out) {
  memset(out, 0, sizeof *out);
  for (int i = 0; i < n; i++)
    out->selected += readable[i] != 0;

  /* select, as a program bound by FD_SETSIZE uses it: only the descriptors below. */
  int max_low = -1;
  for (int i = 0; i < n; i++)
    if (fds[i] < FD_SETSIZE && fds[i] > max_low)
      max_low = fds[i];
  struct sw_fdset set;
  if (max_low >= 0 && sw_fdset_alloc(&set, max_low + 1) == 0) {
    for (int i = 0; i < n; i++)
      if (fds[i] < FD_SETSIZE) {
        sw_fdset_set(&set, fds[i]);
        out->select_checked++;
      }
    struct timeval tv = {0, 0};
    int r = sw_wrapped_select(max_low + 1, sw_fdset_ptr(&set), NULL, NULL, &tv);
    int expected = 0;
    for (int i = 0; i < n; i++) {
      if (fds[i] >= FD_SETSIZE)
        continue;
      expected += readable[i] != 0;
      if (r < 0 || sw_fdset_isset(&set, fds[i]) != (readable[i] != 0))
        out->select_mismatches++;
    }
    /* A wrong count with the right bits is a mismatch too. */
    if (r >= 0 && r != expected && out->select_mismatches == 0)
      out->select_mismatches = 1;
    sw_fdset_free(&set);
  }

  struct pollfd *p = n > 0 ? calloc((size_t)n, sizeof *p) : NULL;
  if (p == NULL) {
    out->poll_mismatches = n;
    return;
  }
  for (int i = 0; i < n; i++)
    p[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
  int r = sw_wrapped_poll(p, (nfds_t)n, 0);
  for (int i = 0; i < n; i++) {
    int bad = p[i].revents & (POLLERR | POLLHUP | POLLNVAL);
    if (r < 0 || bad || ((p[i].revents & POLLIN) != 0) != (readable[i] != 0))
      out->poll_mismatches++;
  }
  if (r >= 0 && r != out->selected && out->poll_mismatches == 0)
    out->poll_mismatches = 1;
  free(p);
}

/* xorshift64: enough to vary the subsets between rounds and runs. */
static uint64_t next_random(uint64_t *state) {
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *state = x;
}

/* Opens n sockets as n/2 socket pairs (fds[2k] and fds[2k+1] are peers), raising the
 * descriptor limit once if it runs out. Returns how many it opened. */
static int open_pairs(int *fds, int n, struct rlimit *saved, int *raised) {
  int opened = 0;
  while (opened < n) {
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds + opened) == 0) {
      opened += 2;
      continue;
    }
    if (errno != EMFILE || *raised)
      break;
    struct rlimit now;
    if (getrlimit(RLIMIT_NOFILE, &now) != 0 || now.rlim_cur == RLIM_INFINITY)
      break;
    *raised = sw_st_nofile_at_least(now.rlim_cur + (rlim_t)(n - opened) + 16, saved);
    if (*raised != 1)
      break;
  }
  return opened;
}

void sw_check_many_descriptors(struct sw_st *st) {
  int fds[SW_MANY_SOCKETS];
  unsigned char readable[SW_MANY_SOCKETS];
  for (int i = 0; i < SW_MANY_SOCKETS; i++)
    fds[i] = -1;
  struct rlimit saved;
  int raised = 0;
  int opened = open_pairs(fds, SW_MANY_SOCKETS, &saved, &raised);
  if (opened < SW_MANY_SOCKETS) {
    char e[16];
    sw_st_set(st, SW_ST_SKIPPED, "only %d of %d sockets could be opened: %s", opened,
              SW_MANY_SOCKETS, sw_st_errno(errno, e, sizeof e));
    goto out;
  }
  uint64_t seed = sw_mono_ns() | 1;
  int selected = 0, select_mismatches = 0, poll_mismatches = 0, select_checked = 0;
  for (int round = 0; round < SW_MANY_ROUNDS; round++) {
    int any = 0;
    for (int i = 0; i < SW_MANY_SOCKETS; i++) {
      readable[i] = next_random(&seed) % 3 == 0;
      any |= readable[i];
    }
    if (!any)
      readable[round] = 1;
    /* Writing to a socket's peer makes that socket readable, and only it. */
    for (int i = 0; i < SW_MANY_SOCKETS; i++) {
      if (readable[i] && write(fds[i ^ 1], "x", 1) != 1) {
        char e[16];
        sw_st_set(st, SW_ST_FAIL, "writing to a socket pair failed: %s",
                  sw_st_errno(errno, e, sizeof e));
        goto out;
      }
    }
    struct sw_many_round r;
    sw_many_round(fds, readable, SW_MANY_SOCKETS, &r);
    selected += r.selected;
    select_mismatches += r.select_mismatches;
    poll_mismatches += r.poll_mismatches;
    select_checked = r.select_checked;
    char byte;
    for (int i = 0; i < SW_MANY_SOCKETS; i++)
      if (readable[i] && read(fds[i], &byte, 1) != 1)
        poll_mismatches++; /* reported readable, yet nothing to read */
  }
  sw_st_value(st, "sockets", SW_MANY_SOCKETS);
  sw_st_value(st, "rounds", SW_MANY_ROUNDS);
  sw_st_value(st, "readable", selected);
  sw_st_value(st, "selectChecked", select_checked);
  sw_st_value(st, "selectMismatches", select_mismatches);
  sw_st_value(st, "pollMismatches", poll_mismatches);
  if (select_mismatches > 0 || poll_mismatches > 0) {
    sw_st_set(st, SW_ST_FAIL,
              "%d rounds over %d sockets with %d made readable: select() got %d sockets wrong, "
              "poll() %d",
              SW_MANY_ROUNDS, SW_MANY_SOCKETS, selected, select_mismatches, poll_mismatches);
  } else if (select_checked == 0) {
    sw_st_set(st, SW_ST_PASS,
              "%d rounds over %d sockets: poll() reported exactly the %d readable ones; select() "
              "was not checked, every descriptor was at or above FD_SETSIZE",
              SW_MANY_ROUNDS, SW_MANY_SOCKETS, selected);
  } else {
    sw_st_set(st, SW_ST_PASS,
              "%d rounds over %d sockets: select() (the %d below FD_SETSIZE) and poll() reported "
              "exactly the %d readable ones",
              SW_MANY_ROUNDS, SW_MANY_SOCKETS, select_checked, selected);
  }
out:
  sw_st_close_all(fds, SW_MANY_SOCKETS);
  if (raised == 1)
    sw_st_nofile_restore(&saved);
}
