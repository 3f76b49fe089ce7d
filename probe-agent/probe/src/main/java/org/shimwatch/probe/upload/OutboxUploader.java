package org.shimwatch.probe.upload;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.shimwatch.probe.AtomicFiles;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.outbox.FileReportQueue;
import org.shimwatch.probe.outbox.FileReportQueue.QueuedReport;
import org.shimwatch.probe.outbox.Receipt;

/**
 * Sends what waits in the outbox, oldest first, and acts on every {@link UploadOutcome} — the one
 * place that does. Between failed attempts it waits with {@link Backoff} (or the server's
 * Retry-After) when that fits the time it was given; otherwise it records when to try next and
 * stops, and the next call (the next {@code shimwatch} command, the agent's timer) goes on. Only
 * one process sends at a time (a lock file), so a report is never posted twice at once; if it is
 * posted twice in sequence, the report id makes the server answer "duplicate".
 */
public final class OutboxUploader {

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * How a call went.
   *
   * @param sent reports the server took (including duplicates)
   * @param rejected reports it refused for good
   * @param waiting reports still waiting
   * @param stopped why it stopped before the outbox was empty, in plain words, or {@code null}
   */
  public record Result(
      int sent, int rejected, int waiting, String stopped, List<Delivered> delivered) {

    public Result {
      delivered = delivered == null ? List.of() : List.copyOf(delivered);
    }

    /** A result without deliveries to tell of. */
    public Result(int sent, int rejected, int waiting, String stopped) {
      this(sent, rejected, waiting, stopped, List.of());
    }
  }

  /**
   * A report the server took during this drain, with its receipt.
   *
   * @param reportId the report
   * @param consentLevel the level it was assembled at
   * @param receipt the server's receipt
   */
  public record Delivered(java.util.UUID reportId, int consentLevel, Receipt receipt) {}

  private final StateDirectory dir;
  private final FileReportQueue queue;
  private final ReportSender sender;
  private final Backoff backoff;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  public OutboxUploader(
      StateDirectory dir,
      FileReportQueue queue,
      ReportSender sender,
      Backoff backoff,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random) {
    this.dir = dir;
    this.queue = queue;
    this.sender = sender;
    this.backoff = backoff;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /**
   * Sends waiting reports.
   *
   * @param gate what the consent in force allows: when it allows no sending, no connection is made;
   *     reports assembled above the level in force are not sent
   * @param budget how long this call may take, waits included
   * @param force whether to try now even if the last failure said to wait; never before the time a
   *     busy server asked for ({@link UploadState#serverWaitUntil()})
   */
  public Result drain(ConsentGate gate, Duration budget, boolean force) {
    if (!gate.allowsSending()) {
      return new Result(0, 0, queue.size(), "consent is level 0: nothing is sent");
    }
    if (queue.size() == 0) {
      return new Result(0, 0, 0, null);
    }
    try {
      AtomicFiles.createPrivateDirectories(dir.root());
    } catch (IOException e) {
      return new Result(0, 0, queue.size(), "cannot use " + dir.root() + ": " + e.getMessage());
    }
    try (FileChannel ch =
        FileChannel.open(dir.uploadLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = lockWithin(ch, LOCK_WAIT.compareTo(budget) < 0 ? LOCK_WAIT : budget);
      if (lock == null) {
        // The one sending looks at the queue again before it lets go, so what was queued before
        // this call goes with it.
        return new Result(0, 0, queue.size(), "another shimwatch process is sending");
      }
      try {
        return drainLocked(gate, budget, force);
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      return new Result(
          0, 0, queue.size(), "cannot lock " + dir.uploadLock() + ": " + e.getMessage());
    }
  }

  /**
   * How long a send waits for another process's to end: long enough for one that is about to let go
   * (its last look at the queue may have come just before this one queued), short enough that a
   * command does not wait on another's retries.
   */
  static final Duration LOCK_WAIT = Duration.ofSeconds(2);

  private static FileLock lockWithin(FileChannel ch, Duration wait) throws IOException {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock != null || System.nanoTime() - end >= 0) {
        return lock;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private Result drainLocked(ConsentGate gate, Duration budget, boolean force) {
    Instant deadline = clock.instant().plus(budget);
    UploadState state = UploadState.load(dir.statusFile());
    if (state.serverAsksToWait(clock.instant())) {
      // Forced or not: the server said when it wants to hear from this probe again.
      return new Result(
          0,
          0,
          queue.size(),
          "the server asked to wait until "
              + state.serverWaitUntil()
              + " ("
              + state.lastError()
              + ")");
    }
    if (!force
        && state.nextAttemptAt() != null
        && clock.instant().isBefore(state.nextAttemptAt())) {
      return new Result(
          0,
          0,
          queue.size(),
          "waiting until " + state.nextAttemptAt() + " after: " + state.lastError());
    }
    queue.removeStaleTemporaryFiles();
    int sent = 0;
    int rejected = 0;
    String stopped = null;
    List<Delivered> delivered = new ArrayList<>();
    // Each round sends what is pending and has not been tried in this call, then looks again: a
    // report another process queued while this one held the lock (that process, finding the lock
    // taken, left its report to this one) goes now rather than at the next command.
    Set<Object> tried = new HashSet<>();
    rounds:
    while (true) {
      List<QueuedReport> fresh = new ArrayList<>();
      for (QueuedReport q : queue.pending().reports()) {
        if (tried.add(q.report().reportId())) {
          fresh.add(q);
        }
      }
      if (fresh.isEmpty()) {
        break;
      }
      each:
      for (QueuedReport q : fresh) {
        if (!gate.allowsSending(q.report())) {
          // Assembled when the user allowed more; not sent while they allow less.
          continue;
        }
        while (true) {
          state = state.attempted(clock.instant());
          UploadOutcome outcome = sender.send(q);
          Instant now = clock.instant();
          Duration wait;
          try {
            if (outcome instanceof UploadOutcome.Accepted a) {
              queue.markSent(q, a.receipt());
              delivered.add(delivered(q, a.receipt()));
              state = state.succeeded(now);
              sent++;
              continue each;
            } else if (outcome instanceof UploadOutcome.Duplicate d) {
              queue.markSent(q, d.receipt());
              delivered.add(delivered(q, d.receipt()));
              state = state.succeeded(now);
              sent++;
              continue each;
            } else if (outcome instanceof UploadOutcome.Rejected r) {
              queue.markRejected(q, r.status(), r.reason());
              state =
                  state.noted(
                      now,
                      "the server refused report "
                          + q.report().reportId()
                          + " for good ("
                          + r.reason()
                          + "); it was moved to rejected/");
              rejected++;
              continue each;
            } else if (outcome instanceof UploadOutcome.Refused r) {
              Instant next = now.plus(backoff.delay(state.failures() + 1, random));
              state =
                  state.failed(
                      now,
                      "the server refuses these settings (" + r.reason() + "): " + hint(r.status()),
                      next);
              stopped = state.lastError();
              break rounds;
            } else if (outcome instanceof UploadOutcome.RetryLater r) {
              wait = r.after() != null ? r.after() : backoff.delay(state.failures() + 1, random);
              state =
                  state.toldToWait(
                      now, "the server is busy or failing (" + r.reason() + ")", now.plus(wait));
            } else if (outcome instanceof UploadOutcome.Failed f) {
              wait = backoff.delay(state.failures() + 1, random);
              state = state.failed(now, f.cause(), now.plus(wait));
            } else {
              throw new IllegalStateException("unhandled upload outcome " + outcome);
            }
          } catch (IOException e) {
            state =
                state.failed(
                    now,
                    "cannot move report "
                        + q.report().reportId()
                        + " in "
                        + dir.root()
                        + ": "
                        + e.getMessage(),
                    null);
            stopped = state.lastError();
            break rounds;
          }
          if (now.plus(wait).isAfter(deadline)) {
            stopped = state.lastError() + "; next try after " + state.nextAttemptAt();
            break rounds;
          }
          try {
            sleeper.sleep(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = "interrupted";
            break rounds;
          }
        }
      }
    }
    try {
      state.save(dir.statusFile());
    } catch (IOException e) {
      // The reports moved already; only the status line is stale.
    }
    return new Result(sent, rejected, queue.size(), stopped, delivered);
  }

  private static Delivered delivered(QueuedReport q, Receipt receipt) {
    return new Delivered(q.report().reportId(), q.report().consentLevel(), receipt);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> "check the ingest key (--key, SHIMWATCH_KEY or key= in the config file)";
      case 403 ->
          "the key may be revoked or for another project, or this installation's secret does not match the server's; reports stay queued";
      case 404 -> "check the server URL and project (--server, --project)";
      default -> "check the server URL (--server, SHIMWATCH_SERVER or server= in the config file)";
    };
  }
}
