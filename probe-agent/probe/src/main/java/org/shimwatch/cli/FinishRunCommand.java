package org.shimwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.shimwatch.probe.FileTrees;
import org.shimwatch.probe.Probe;
import org.shimwatch.probe.ProbeSettings;
import org.shimwatch.probe.SettingsException;
import org.shimwatch.probe.StateDirectory;
import org.shimwatch.probe.assemble.LinuxRunEvidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.consent.ConsentFileException;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.run.LiveRun;
import org.shimwatch.probe.run.RunRecord;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.ReportIds;
import org.shimwatch.report.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code shimwatch finish-run RUN_FILE}: the part of {@code run} that comes after the client, for a
 * run the launcher started itself. The launcher preloads the shim and starts the client at once,
 * and when the client has ended writes {@code runs/<id>.run} ({@link RunRecord}) and starts this
 * command in the background, so that assembling, checking, queuing and sending cost the user's
 * shell nothing and survive the terminal being closed. Run records that a finisher left behind
 * (killed, or the machine stopped) are finished by the next finisher, {@code run} or {@code
 * submit}.
 */
@Command(
    name = "finish-run",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Makes, queues and sends the report on a client run that the shimwatch launcher started"
          + " (RUN_FILE, written when the client ended), then queues the reports on any run a"
          + " finisher left unfinished. The launcher starts it in the background; it is not meant"
          + " to be typed."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:queued and sent, or nothing to do",
      "1:a report could not be made or written, or the server refused one for good",
      "2:a damaged config or consent file",
      "4:queued, but not sent yet (retried later)"
    })
final class FinishRunCommand implements Callable<Integer> {

  @ParentCommand ShimwatchCli cli;

  @Parameters(arity = "0..1", paramLabel = "RUN_FILE", description = "the launcher's run record")
  Path runFile;

  /**
   * The launcher appends this command's output to {@code finish.log}: past this size it becomes
   * {@code finish.log.1} (replacing the one before), so the log never grows without bound. A few
   * lines per run: 1 MiB holds thousands of runs.
   */
  static final long LOG_LIMIT = 1 << 20;

  @Override
  public Integer call() {
    PrintWriter err = cli.spec.commandLine().getErr();
    StateDirectory state = StateDirectory.fromEnvironment(cli.env);
    rotate(state.root().resolve("finish.log"));
    if (runFile != null) {
      err.println("shimwatch: " + cli.clock.instant() + " finishing " + runFile.getFileName());
    }
    int status = ExitCodes.OK;
    Finished own = null;
    if (runFile != null) {
      own = finish(cli, runFile, err);
      if (own.failed()) {
        status = ExitCodes.FAILED;
      }
    }
    List<Finished> taken = new ArrayList<>();
    if (leftovers(cli, state.runs(), err, taken) > 0) {
      status = ExitCodes.FAILED;
    }
    // Sends through this run's own probe; when another finisher had already taken this run's
    // record (and sends it), through the probe of a record this one took over from a finisher that
    // had not locked it yet: that finisher finds its record gone and sends nothing.
    Finished sender =
        sends(own) ? own : taken.stream().filter(f -> sends(f)).findFirst().orElse(null);
    if (sender != null) {
      int sent = Reporting.send(sender.probe(), sender.gate(), err);
      if (status == ExitCodes.OK) {
        status = sent;
      }
    }
    return status;
  }

  private static boolean sends(Finished f) {
    return f != null && f.probe() != null && !f.record().noSend();
  }

  /**
   * How finishing one record went.
   *
   * @param record the record, or {@code null} when there was none to finish
   * @param probe the probe its report went through, or {@code null} when none was queued
   * @param gate the consent gate in force, or {@code null}
   * @param failed whether its report could not be made
   */
  record Finished(RunRecord record, Probe probe, ConsentGate gate, boolean failed) {}

  /**
   * Queues reports on the runs whose records wait in {@code runs} and that no other process is
   * finishing.
   *
   * @return how many of them could not be reported (their records and spools are gone all the same)
   */
  static int leftovers(ShimwatchCli cli, Path runs, PrintWriter err) {
    return leftovers(cli, runs, err, new ArrayList<>());
  }

  /**
   * As {@link #leftovers(ShimwatchCli, Path, PrintWriter)}, adding each run it finished to {@code
   * finished}.
   */
  static int leftovers(ShimwatchCli cli, Path runs, PrintWriter err, List<Finished> finished) {
    List<Path> records = new ArrayList<>();
    List<Path> live = new ArrayList<>();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(runs, "*{" + RunRecord.SUFFIX + "," + LiveRun.SUFFIX + "}")) {
      dir.forEach(p -> (p.toString().endsWith(RunRecord.SUFFIX) ? records : live).add(p));
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      err.println("shimwatch: cannot list " + runs + ": " + e.getMessage());
      return 0;
    }
    int failed = 0;
    for (Path r : records) {
      Finished f = finish(cli, r, err);
      finished.add(f);
      if (f.failed()) {
        failed++;
      }
    }
    // Runs whose launcher was killed before it wrote their record: reported from what it wrote
    // before starting the client, unless that launcher is still running (its client too, then).
    for (Path r : live) {
      Finished f = finish(cli, r, err);
      finished.add(f);
      if (f.failed()) {
        failed++;
      }
    }
    return failed;
  }

  /**
   * Queues the report on one run record, holding a lock on it meanwhile so no two processes report
   * the same run, then removes the record and the run's spool. A record another process holds, or
   * has finished already, is left alone.
   */
  static Finished finish(ShimwatchCli cli, Path file, PrintWriter err) {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null || !Files.exists(file)) {
        // Another finisher has it, or finished it between our open and our lock.
        return new Finished(null, null, null, false);
      }
      ByteBuffer content = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 20));
      while (content.hasRemaining() && ch.read(content) >= 0) {
        // Read the whole record (it is small: a command line and a few facts).
      }
      byte[] bytes = Arrays.copyOf(content.array(), content.position());
      boolean isLive = file.getFileName().toString().endsWith(LiveRun.SUFFIX);
      Path finalRecord = sibling(file, RunRecord.SUFFIX);
      if (isLive && (Files.exists(finalRecord) || !LiveRun.abandoned(bytes, PROC))) {
        // Its launcher still runs, or wrote the run's record, which is the one to finish.
        return new Finished(null, null, null, false);
      }
      RunRecord record;
      try {
        record = RunRecord.parse(bytes, isLive ? lastSign(file) : null);
      } catch (IOException e) {
        err.println("shimwatch: " + file + ": " + e.getMessage() + "; no report for that run");
        Files.deleteIfExists(file);
        // Its spool, beside it under the run's id, would otherwise never go.
        discard(sibling(file, ""));
        return new Finished(null, null, null, true);
      }
      UUID reportId = record.reportId();
      if (reportId == null) {
        // Chosen and written down before anything is queued: a finisher killed between queuing
        // and removing the record leaves the next one this id, and the server keeps one report.
        reportId = ReportIds.next(cli.clock.instant());
        ch.write(
            ByteBuffer.wrap(RunRecord.reportIdLine(reportId).getBytes(StandardCharsets.UTF_8)),
            ch.size());
        ch.force(true);
      }
      if (isLive) {
        err.println(
            "shimwatch: the launcher of "
                + file.getFileName()
                + " ended before the run did; reporting it from what it left");
      }
      Finished f = queue(cli, file, record, reportId, err);
      // The live file first: a finisher that finds it after the record has gone would report
      // the run again.
      if (!isLive) {
        Files.deleteIfExists(sibling(file, LiveRun.SUFFIX));
      }
      Files.deleteIfExists(file);
      // Only ever a spool beside the record: a record names its own run's folder under runs/.
      if (record.spool() != null
          && record.spool().normalize().startsWith(file.toAbsolutePath().getParent().normalize())) {
        discard(record.spool());
      }
      return f;
    } catch (NoSuchFileException e) {
      return new Finished(null, null, null, false);
    } catch (IOException e) {
      err.println("shimwatch: cannot finish " + file + ": " + e.getMessage());
      return new Finished(null, null, null, true);
    }
  }

  private static Finished queue(
      ShimwatchCli cli, Path file, RunRecord record, UUID reportId, PrintWriter err) {
    Probe probe;
    ConsentGate gate;
    try {
      probe =
          new Probe(
              ProbeSettings.resolve(
                  new ProbeSettings.Flags(
                      record.server(), record.key(), record.project(), record.config()),
                  cli.env),
              cli.env,
              cli.clock);
      gate = probe.gate(probe.consent());
    } catch (SettingsException | ConsentFileException e) {
      err.println(
          "shimwatch: no report on the run of " + record.command().get(0) + ": " + e.getMessage());
      return new Finished(record, null, null, true);
    }
    if (!gate.allowsReports()) {
      // Consent went to 0 after the run: nothing is made of it.
      return new Finished(record, null, null, false);
    }
    Outcome outcome = Outcome.UNKNOWN;
    if (record.outcome() != null) {
      try {
        outcome = Outcome.fromWireName(record.outcome().strip());
      } catch (IllegalArgumentException e) {
        err.println(
            "shimwatch: "
                + file
                + ": outcome '"
                + record.outcome()
                + "' is not known; it is 'unknown'");
      }
    }
    Path spool =
        record.spool() != null && Files.isDirectory(record.spool()) ? record.spool() : null;
    try (LinuxRunEvidence evidence =
        RunCommand.evidence(
            probe,
            cli.env,
            record.command(),
            record.clientName(),
            record.clientVersion(),
            spool,
            record.durationMs())) {
      Reporting.queue(
          probe,
          gate,
          new ReportAssembler.Subject(Source.CLI, outcome, record.comment(), null, reportId),
          evidence,
          err);
      return new Finished(record, probe, gate, false);
    } catch (CliFailure f) {
      err.println("shimwatch: " + f.getMessage());
    } catch (RuntimeException e) {
      err.println("shimwatch: no report on the run of " + record.command().get(0) + ": " + e);
    }
    return new Finished(record, null, null, true);
  }

  private static final Path PROC = Path.of("/proc");

  /**
   * {@code runs/<id>.run} for {@code runs/<id>.live} and the other way round; with an empty suffix
   * {@code runs/<id>}, the run's spool.
   */
  private static Path sibling(Path file, String suffix) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
  }

  /**
   * When an abandoned run last showed a sign of life: the newest file its spool holds (the shim
   * rewrites its snapshot periodically and at exit), or else its live file.
   */
  private static long lastSign(Path live) {
    long last = 0;
    try {
      last = Files.getLastModifiedTime(live).toMillis();
    } catch (IOException e) {
      // Gone meanwhile: the spool, if any, says it.
    }
    Path spool = sibling(live, "");
    try (DirectoryStream<Path> files = Files.newDirectoryStream(spool)) {
      for (Path f : files) {
        last = Math.max(last, Files.getLastModifiedTime(f).toMillis());
      }
    } catch (IOException e) {
      // No spool (level 1) or not readable: the live file's time stands.
    }
    return last;
  }

  private static void rotate(Path log) {
    try {
      if (Files.size(log) > LOG_LIMIT) {
        // Our stdout stays open on the renamed file; the next run's launcher starts a new one.
        Files.move(log, log.resolveSibling("finish.log.1"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // No log yet, or it cannot be moved: it only grows a little longer.
    }
  }

  private static void discard(Path spool) {
    if (spool == null) {
      return;
    }
    try {
      FileTrees.delete(spool);
    } catch (IOException e) {
      // A leftover spool holds only that run's files; nothing reads them again.
    }
  }
}
