package org.shimwatch.probe;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.probe.assemble.Evidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentFileException;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.consent.ConsentStore;
import org.shimwatch.probe.environment.LinuxEnvironment;
import org.shimwatch.probe.outbox.FileReportQueue;
import org.shimwatch.probe.outbox.FileReportQueue.QueuedReport;
import org.shimwatch.probe.outbox.OutboxLimits;
import org.shimwatch.probe.upload.Backoff;
import org.shimwatch.probe.upload.HttpReportSender;
import org.shimwatch.probe.upload.OutboxUploader;
import org.shimwatch.probe.upload.UploadState;
import org.shimwatch.report.InvalidReportException;
import org.shimwatch.report.Report;

/**
 * The probe's parts wired together for one state directory: consent, the environment, assembly, the
 * outbox and the sender. The CLI, the embedding API and the javaagent all work through this, so
 * they gate, scrub, queue and send the same way.
 */
public final class Probe {

  private final ProbeSettings settings;
  private final Map<String, String> env;
  private final Clock clock;
  private final FileReportQueue queue;
  private LinuxEnvironment linux;

  /**
   * @param settings where to send and what to collect
   * @param env the environment variables in force (for DO_NOT_TRACK and the like)
   * @param clock the clock
   */
  public Probe(ProbeSettings settings, Map<String, String> env, Clock clock) {
    this.settings = settings;
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.queue = new FileReportQueue(settings.state(), OutboxLimits.defaults(), clock);
  }

  public ProbeSettings settings() {
    return settings;
  }

  public StateDirectory state() {
    return settings.state();
  }

  public Map<String, String> env() {
    return env;
  }

  public Clock clock() {
    return clock;
  }

  public ConsentStore consentStore() {
    return new ConsentStore(settings.state().consentFile());
  }

  /**
   * The stored consent.
   *
   * @throws ConsentFileException when the consent file is damaged
   */
  public Consent consent() throws ConsentFileException {
    return consentStore().load();
  }

  /** The level in force for a stored consent: 0 when the environment forces it. */
  public ConsentLevel effectiveLevel(Consent consent) {
    return consent.effectiveLevel(env);
  }

  public FileReportQueue queue() {
    return queue;
  }

  /** This machine's environment collector (made on first use). */
  public synchronized LinuxEnvironment linux() {
    if (linux == null) {
      linux = LinuxEnvironment.system(settings.fixPackages());
    }
    return linux;
  }

  /** A scrubber that knows this user's and this machine's names. */
  public Scrubber scrubber() {
    return Scrubber.withNames(LinuxEnvironment.userNames(env), linux().hostNames(env));
  }

  /**
   * Assembles a report at the level in force, scrubs it, checks it and queues it.
   *
   * @throws IllegalStateException at level 0 (callers check first: nothing is assembled then)
   * @throws InvalidReportException when the report breaks the contract; nothing is queued
   * @throws IOException when it cannot be written; nothing is queued
   */
  public QueuedReport assembleAndQueue(
      Consent consent, ConsentLevel level, ReportAssembler.Subject subject, Evidence evidence)
      throws InvalidReportException, IOException {
    Report r = new ReportAssembler(clock).assemble(consent, level, subject, evidence, scrubber());
    return queue.enqueue(r);
  }

  /**
   * Assembles a report without queuing it (what {@code shimwatch preview} prints).
   *
   * @throws InvalidReportException when the report breaks the contract
   */
  public Report assemble(
      Consent consent, ConsentLevel level, ReportAssembler.Subject subject, Evidence evidence)
      throws InvalidReportException {
    return new ReportAssembler(clock).assemble(consent, level, subject, evidence, scrubber());
  }

  /**
   * Sends what waits, within {@code budget}. Makes no connection at level 0, or when no server or
   * key is configured (the reports stay queued and {@code status} says why).
   */
  public OutboxUploader.Result send(Consent consent, Duration budget, boolean force) {
    ConsentLevel level = effectiveLevel(consent);
    if (level == ConsentLevel.NONE || !consent.hasInstallation()) {
      return new OutboxUploader.Result(0, 0, queue.size(), "consent is level 0: nothing is sent");
    }
    String missing = missingSettings();
    if (missing != null) {
      if (queue.size() > 0) {
        noteError("not sent: " + missing);
      }
      return new OutboxUploader.Result(0, 0, queue.size(), missing);
    }
    HttpReportSender sender =
        new HttpReportSender(
            settings.reportsUri(), settings.ingestKey(), consent.installationSecret(), clock);
    OutboxUploader uploader =
        new OutboxUploader(
            settings.state(),
            queue,
            sender,
            Backoff.defaults(),
            clock,
            d -> Thread.sleep(d.toMillis()),
            new SplittableRandom());
    return uploader.drain(level, budget, force);
  }

  /** What is missing to send, in plain words, or {@code null} when nothing is. */
  public String missingSettings() {
    if (settings.server() == null) {
      return "no server URL is configured (--server, SHIMWATCH_SERVER or server= in "
          + settings.configFile()
          + ")";
    }
    if (settings.ingestKey() == null) {
      return "no ingest key is configured (--key, SHIMWATCH_KEY or key= in "
          + settings.configFile()
          + ")";
    }
    return null;
  }

  /** Records a probe failure so that {@code status} shows it. Never throws. */
  public void noteError(String error) {
    try {
      if (!java.nio.file.Files.isDirectory(settings.state().root())) {
        return; // nothing was ever stored: a status file would be the only trace left
      }
      UploadState.load(settings.state().statusFile())
          .noted(clock.instant(), error)
          .save(settings.state().statusFile());
    } catch (IOException | RuntimeException e) {
      // Status is best effort; the failure was already logged or printed by the caller.
    }
  }

  /** The probe's state in plain words' ingredients. */
  public ProbeStatus status() {
    Consent consent;
    String consentProblem = null;
    try {
      consent = consent();
    } catch (ConsentFileException e) {
      consent = Consent.none();
      consentProblem = e.getMessage();
    }
    FileReportQueue.Listing pending = queue.pending();
    List<QueuedReport> reports = pending.reports();
    return new ProbeStatus(
        consent.level(),
        effectiveLevel(consent),
        Consent.forcedOff(env).orElse(null),
        consentProblem,
        consent.installationId(),
        settings.server(),
        missingSettings(),
        reports.size(),
        reports.isEmpty() ? null : reports.get(0).queuedAt(),
        pending.problems(),
        queue.history().size(),
        queue.rejected().size(),
        queue.droppedLog(),
        UploadState.load(settings.state().statusFile()));
  }
}
