package org.shimwatch.probe;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.shimwatch.privacy.Scrubber;
import org.shimwatch.probe.assemble.Evidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentFileException;
import org.shimwatch.probe.consent.ConsentGate;
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

  /**
   * What the consent in force allows.
   *
   * @throws ConsentFileException when the consent file is damaged
   */
  public ConsentGate gate() throws ConsentFileException {
    return gate(consent());
  }

  /** What a stored consent allows here: nothing when the environment forces level 0. */
  public ConsentGate gate(Consent consent) {
    return ConsentGate.of(consent, env);
  }

  /**
   * How a consent change went.
   *
   * @param stored the consent now stored
   * @param discarded how many queued reports were discarded because the new level does not allow
   *     them
   */
  public record ConsentChange(Consent stored, int discarded) {}

  /**
   * Stores the user's explicit choice and discards what they no longer agree to send: queued
   * reports above the new level, or all of them at level 0 (each recorded in {@code dropped.log}).
   *
   * @throws ConsentFileException when the consent file is damaged
   * @throws IOException when the consent cannot be stored or the outbox changed
   */
  public ConsentChange changeConsent(ConsentLevel level) throws ConsentFileException, IOException {
    Consent stored = consentStore().setLevel(level);
    int discarded =
        level == ConsentLevel.NONE
            ? queue.dropAll("consent withdrawn")
            : queue.dropAboveLevel(level.number());
    return new ConsentChange(stored, discarded);
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

  /**
   * A scrubber that knows this user's names (account names and the real name in {@code
   * /etc/passwd}) and this machine's names: the probe removes them wherever they stand as words.
   * The server knows none of them and applies only the generic rules.
   */
  public Scrubber scrubber() {
    Set<String> users = LinuxEnvironment.userNames(env);
    return Scrubber.withNames(
        users, linux().hostNames(env), LinuxEnvironment.realNames(LinuxEnvironment.PASSWD, users));
  }

  /**
   * Assembles a report at the level in force, scrubs it and queues it (the queue checks it against
   * the contract); then the evidence may let go of what went into it.
   *
   * @throws IllegalStateException when the gate allows no report (callers check first)
   * @throws InvalidReportException when the report breaks the contract; nothing is queued
   * @throws IOException when it cannot be written; nothing is queued
   */
  public QueuedReport assembleAndQueue(
      ConsentGate gate, ReportAssembler.Subject subject, Evidence evidence)
      throws InvalidReportException, IOException {
    return queue(assemble(gate, subject, evidence), evidence);
  }

  /**
   * Assembles and scrubs a report, not yet checked: {@link #queue} checks it, once.
   *
   * @throws IllegalStateException when the gate allows no report (callers check first)
   */
  public Report assemble(ConsentGate gate, ReportAssembler.Subject subject, Evidence evidence) {
    return new ReportAssembler(clock).assemble(gate, subject, evidence, scrubber());
  }

  /**
   * Queues an assembled report, which checks it against the contract, and tells the evidence it
   * came from that it is queued (a spool's files are removed then).
   *
   * @throws InvalidReportException when the report breaks the contract; nothing is queued
   * @throws IOException when it cannot be written; nothing is queued
   */
  public QueuedReport queue(Report report, Evidence evidence)
      throws InvalidReportException, IOException {
    QueuedReport q = queue.enqueue(report);
    evidence.queued();
    return q;
  }

  /**
   * The report {@code shimwatch submit} would queue, checked as the queue checks it, and not queued
   * (what {@code shimwatch preview} prints); the evidence keeps everything.
   *
   * @throws IllegalStateException when the gate allows no report (callers check first)
   * @throws InvalidReportException when the report breaks the contract
   */
  public FileReportQueue.Checked preview(
      ConsentGate gate, ReportAssembler.Subject subject, Evidence evidence)
      throws InvalidReportException {
    return FileReportQueue.check(assemble(gate, subject, evidence));
  }

  /**
   * Sends what waits, within {@code budget}. Makes no connection when the gate allows no sending,
   * or when no server or key is configured (the reports stay queued and {@code status} says why).
   */
  public OutboxUploader.Result send(ConsentGate gate, Duration budget, boolean force) {
    if (!gate.allowsSending()) {
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
            settings.reportsUri(),
            settings.ingestKey(),
            gate.consent().installationSecret(),
            clock);
    OutboxUploader uploader =
        new OutboxUploader(
            settings.state(),
            queue,
            sender,
            Backoff.defaults(),
            clock,
            d -> Thread.sleep(d.toMillis()),
            new SplittableRandom());
    return uploader.drain(gate, budget, force);
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
        gate(consent).level(),
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
