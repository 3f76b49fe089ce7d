/*
 * bittorrent-stress: what a BitTorrent client does to select() and poll():
 * many connections, data arriving in chunks of every size on all of them, one thread
 * waiting for readiness while another produces. A writer thread sends random chunks
 * to random socket pairs for a fixed time; the calling thread waits with select and
 * poll in turn and reads from the sockets they report.
 *
 * A lost wake-up is a descriptor that had data pending before a call started (the
 * writer's write() had returned, which the reader knows from the writer's per-pair
 * byte count) and that the call did not report readable. Level-triggered readiness
 * allows none. The reader takes at most one block per socket per wake-up, so most
 * calls start with many sockets pending, each of which must be reported. Every byte also carries a
 * position-dependent pattern, so a byte that arrives twice, out of order or damaged is caught too.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "selftest.h"
#include "wrappers.h"

#define SW_STRESS_PAIRS 64
#define SW_STRESS_MS 2500
/* After the writer stops, the time the reader has to drain the rest. */
#define SW_STRESS_DRAIN_MS 800
/* The reader's timeout: short, so that the end of the run is noticed quickly. */
#define SW_STRESS_WAIT_MS 100
/* Chunks from 1 byte to this: BitTorrent's blocks are 16 KiB. */
#define SW_STRESS_CHUNK_MAX 16384
/* The pattern repeats every SW_PATTERN_PERIOD bytes; a prime, so that it does not
 * line up with any chunk or buffer size. */
#define SW_PATTERN_PERIOD 251

struct stress {
  int pairs;
  int blind_pair;
  int (*fds)[2]; /* [i][0] the writer's end, [i][1] the reader's */
  _Atomic uint64_t *sent;
  uint64_t *received;
  uint64_t stop_at_ns;
  atomic_int stop;
  atomic_int writer_done;
  int writer_err;
  unsigned char pattern[SW_PATTERN_PERIOD + SW_STRESS_CHUNK_MAX];
  unsigned char buf[SW_STRESS_CHUNK_MAX];
};

/* Where pair i's byte at stream offset k starts in the pattern. */
static size_t pattern_at(int i, uint64_t k) {
  return (size_t)((k + (uint64_t)i * 131u) % SW_PATTERN_PERIOD);
}

static uint64_t next_random(uint64_t *state) {
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *state = x;
}

static void *writer(void *arg) {
  struct stress *s = arg;
  uint64_t seed = sw_mono_ns() | 1;
  while (!atomic_load_explicit(&s->stop, memory_order_relaxed) && sw_mono_ns() < s->stop_at_ns) {
    int i = (int)(next_random(&seed) % (uint64_t)s->pairs);
    size_t len = 1 + (size_t)(next_random(&seed) % SW_STRESS_CHUNK_MAX);
    uint64_t off = atomic_load_explicit(&s->sent[i], memory_order_relaxed);
    ssize_t w = write(s->fds[i][0], s->pattern + pattern_at(i, off), len);
    if (w > 0) {
      /* Release: a reader that sees the new count sees a write() that has returned. */
      atomic_store_explicit(&s->sent[i], off + (uint64_t)w, memory_order_release);
    } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      sw_st_poll_one(s->fds[i][0], 1, 20, SW_VIA_SHIM);
    } else if (w < 0 && errno != EINTR) {
      s->writer_err = errno;
      break;
    }
  }
  atomic_store_explicit(&s->writer_done, 1, memory_order_release);
  return NULL;
}

struct reader_stats {
  uint64_t wakeups, lost, select_calls, poll_calls, corrupt, empty_reads;
  int err;
};

/*
 * One read of at most a block from pair i, as a client that reads a block per
 * wake-up does: the rest stays pending, and the next call must report it again.
 * Returns 0, or an errno.
 */
static int read_block(struct stress *s, int i, struct reader_stats *rs) {
  for (;;) {
    ssize_t n = read(s->fds[i][1], s->buf, SW_STRESS_CHUNK_MAX);
    if (n > 0) {
      if (memcmp(s->buf, s->pattern + pattern_at(i, s->received[i]), (size_t)n) != 0)
        rs->corrupt++;
      s->received[i] += (uint64_t)n;
      return 0;
    }
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      rs->empty_reads++;
      return 0;
    }
    return n == 0 ? EPIPE : errno;
  }
}

static void reader(struct stress *s, struct reader_stats *rs, int use_select) {
  uint64_t give_up = s->stop_at_ns + (uint64_t)SW_STRESS_DRAIN_MS * 1000000u;
  int max_fd = 0;
  for (int i = 0; i < s->pairs; i++)
    if (s->fds[i][1] > max_fd)
      max_fd = s->fds[i][1];
  unsigned char *pending = calloc((size_t)s->pairs, 1);
  struct pollfd *pfd = calloc((size_t)s->pairs, sizeof *pfd);
  struct sw_fdset set;
  if (pending == NULL || pfd == NULL || sw_fdset_alloc(&set, max_fd + 1) != 0) {
    rs->err = ENOMEM;
    free(pending);
    free(pfd);
    return;
  }
  for (uint64_t round = 0;; round++) {
    int done = atomic_load_explicit(&s->writer_done, memory_order_acquire);
    int outstanding = 0;
    for (int i = 0; i < s->pairs; i++) {
      uint64_t sent = atomic_load_explicit(&s->sent[i], memory_order_acquire);
      pending[i] = sent > s->received[i];
      outstanding |= pending[i];
    }
    if ((done && !outstanding) || sw_mono_ns() > give_up)
      break;
    /* select and poll in turn, select only while every descriptor fits an fd_set. */
    int via_select = use_select && (round & 1) == 0;
    int r;
    if (via_select) {
      sw_fdset_zero(&set);
      for (int i = 0; i < s->pairs; i++)
        if (i != s->blind_pair)
          sw_fdset_set(&set, s->fds[i][1]);
      struct timeval tv = {0, SW_STRESS_WAIT_MS * 1000};
      r = sw_wrapped_select(max_fd + 1, sw_fdset_ptr(&set), NULL, NULL, &tv);
      rs->select_calls++;
    } else {
      for (int i = 0; i < s->pairs; i++)
        pfd[i] = (struct pollfd){.fd = i == s->blind_pair ? -1 : s->fds[i][1], .events = POLLIN};
      r = sw_wrapped_poll(pfd, (nfds_t)s->pairs, SW_STRESS_WAIT_MS);
      rs->poll_calls++;
    }
    if (r < 0) {
      if (errno == EINTR)
        continue;
      rs->err = errno;
      break;
    }
    rs->wakeups += r > 0;
    for (int i = 0; i < s->pairs; i++) {
      int ready = r > 0 && (via_select ? (i != s->blind_pair && sw_fdset_isset(&set, s->fds[i][1]))
                                       : (pfd[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0);
      if (pending[i] && !ready)
        rs->lost++;
      if (ready && (rs->err = read_block(s, i, rs)) != 0)
        goto out;
    }
  }
out:
  sw_fdset_free(&set);
  free(pending);
  free(pfd);
}

void sw_stress_core(struct sw_st *st, int pairs, int duration_ms, int blind_pair) {
  char e[16];
  struct stress *s = calloc(1, sizeof *s);
  int(*fds)[2] = calloc((size_t)pairs, sizeof *fds);
  _Atomic uint64_t *sent = calloc((size_t)pairs, sizeof *sent);
  uint64_t *received = calloc((size_t)pairs, sizeof *received);
  if (s == NULL || fds == NULL || sent == NULL || received == NULL) {
    sw_st_set(st, SW_ST_SKIPPED, "out of memory");
    goto free_memory;
  }
  s->pairs = pairs;
  s->blind_pair = blind_pair;
  s->fds = fds;
  s->sent = sent;
  s->received = received;
  for (size_t j = 0; j < sizeof s->pattern; j++)
    s->pattern[j] = (unsigned char)(j % SW_PATTERN_PERIOD);
  for (int i = 0; i < pairs; i++)
    fds[i][0] = fds[i][1] = -1;
  int max_fd = 0;
  for (int i = 0; i < pairs; i++) {
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds[i]) != 0) {
      sw_st_set(st, SW_ST_SKIPPED, "only %d of %d socket pairs could be made: %s", i, pairs,
                sw_st_errno(errno, e, sizeof e));
      goto close_fds;
    }
    if (fds[i][1] > max_fd)
      max_fd = fds[i][1];
  }

  uint64_t t0 = sw_mono_ns();
  s->stop_at_ns = t0 + (uint64_t)duration_ms * 1000000u;
  pthread_t thread;
  if (pthread_create(&thread, NULL, writer, s) != 0) {
    sw_st_set(st, SW_ST_SKIPPED, "no writer thread could be started");
    goto close_fds;
  }
  struct reader_stats rs;
  memset(&rs, 0, sizeof rs);
  reader(s, &rs, max_fd < FD_SETSIZE);
  atomic_store(&s->stop, 1);
  pthread_join(thread, NULL);
  uint64_t took = sw_mono_ns() - t0;

  uint64_t bytes_sent = 0, bytes_received = 0;
  for (int i = 0; i < pairs; i++) {
    bytes_sent += atomic_load(&sent[i]);
    bytes_received += received[i];
  }
  double mb = (double)bytes_received / 1e6;
  sw_st_value(st, "pairs", pairs);
  sw_st_value(st, "bytes", (double)bytes_received);
  sw_st_value(st, "bytesSent", (double)bytes_sent);
  sw_st_value(st, "wakeups", (double)rs.wakeups);
  sw_st_value(st, "lostWakeups", (double)rs.lost);
  sw_st_value(st, "selectCalls", (double)rs.select_calls);
  sw_st_value(st, "pollCalls", (double)rs.poll_calls);
  sw_st_value(st, "corruptReads", (double)rs.corrupt);
  sw_st_value(st, "emptyReads", (double)rs.empty_reads);
  sw_st_value(st, "throughputMBps", took > 0 ? mb / ((double)took / 1e9) : 0);
  if (rs.err != 0 || s->writer_err != 0) {
    sw_st_set(st, SW_ST_FAIL, "the %s failed: %s", rs.err != 0 ? "reader" : "writer",
              sw_st_errno(rs.err != 0 ? rs.err : s->writer_err, e, sizeof e));
  } else if (rs.lost > 0) {
    sw_st_set(st, SW_ST_FAIL,
              "%llu lost wake-ups: select()/poll() did not report a socket whose data was "
              "pending before the call (%d pairs, %.0f MB)",
              (unsigned long long)rs.lost, pairs, mb);
  } else if (bytes_received != bytes_sent) {
    sw_st_set(st, SW_ST_FAIL, "%llu of %llu bytes sent never arrived within %d ms of the end",
              (unsigned long long)(bytes_sent - bytes_received), (unsigned long long)bytes_sent,
              SW_STRESS_DRAIN_MS);
  } else if (rs.corrupt > 0) {
    sw_st_set(st, SW_ST_FAIL, "%llu reads returned bytes out of order or damaged",
              (unsigned long long)rs.corrupt);
  } else {
    sw_st_set(st, SW_ST_PASS,
              "2 threads moved %llu bytes through %d socket pairs in %lld ms: every byte arrived "
              "intact and every socket with data pending was reported (%llu wake-ups, %llu "
              "select and %llu poll calls)",
              (unsigned long long)bytes_received, pairs, sw_st_us(took) / 1000,
              (unsigned long long)rs.wakeups, (unsigned long long)rs.select_calls,
              (unsigned long long)rs.poll_calls);
  }
close_fds:
  for (int i = 0; i < pairs; i++)
    sw_st_close_all(fds[i], 2);
free_memory:
  free(received);
  free((void *)sent);
  free(fds);
  free(s);
}

void sw_check_bittorrent_stress(struct sw_st *st) {
  sw_stress_core(st, SW_STRESS_PAIRS, SW_STRESS_MS, -1);
}
