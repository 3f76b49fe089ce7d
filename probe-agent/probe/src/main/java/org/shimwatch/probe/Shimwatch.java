package org.shimwatch.probe;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.shimwatch.probe.assemble.InProcessEvidence;
import org.shimwatch.probe.assemble.ReportAssembler;
import org.shimwatch.probe.consent.Consent;
import org.shimwatch.probe.consent.ConsentFileException;
import org.shimwatch.probe.consent.ConsentGate;
import org.shimwatch.probe.consent.ConsentLevel;
import org.shimwatch.probe.environment.ContractFields;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.Source;
import org.shimwatch.shim.NativeShim;
import org.shimwatch.shim.UnavailableNativeShim;

/**
 * The probe embedded in a network client:
 *
 * <pre>{@code
 * Shimwatch probe = Shimwatch.builder()
 *     .server(URI.create("https://shimwatch.example.org"))
 *     .ingestKey("swk_...")
 *     .client("jtorrent", "2.1.0")
 *     .start();
 * probe.grantConsent(ConsentLevel.METRICS);   // only after the user said yes
 * ...
 * probe.reportOutcome(Outcome.WORKS, null);
 * probe.close();
 * }</pre>
 *
 * <p>Nothing happens before the user opts in ({@link #grantConsent}, or {@code shimwatch consent
 * --level N}): at level 0, or with {@code DO_NOT_TRACK=1} or {@code SHIMWATCH_TELEMETRY=off} in the
 * environment, no report is assembled, no file is written and no connection is made.
 *
 * <p>No method throws into the host and none blocks it for long: reports are assembled, queued and
 * sent on one background daemon thread. Every failure is logged once (through {@link
 * System.Logger}, name {@code org.shimwatch.probe}) and shown by {@link #status()}.
 */
public final class Shimwatch implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("org.shimwatch.probe");

  /** How long {@link #close()} spends sending what waits; then it gives up until next time. */
  static final Duration CLOSE_SEND_BUDGET = Duration.ofSeconds(5);

  /** How long a background send may spend retrying before it leaves the rest to the next one. */
  static final Duration BACKGROUND_SEND_BUDGET = Duration.ofMinutes(2);

  private final Probe probe;
  private final Source source;
  private final Environment.Client client;
  private final Duration period;
  private final String startProblem;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private ScheduledExecutorService worker;
  private NativeShim shim;
  private Instant periodStart;
  private boolean reportedOnce;
  private volatile String lastFailure;
  private volatile boolean closed;

  private Shimwatch(
      Probe probe, Source source, Environment.Client client, Duration period, String startProblem) {
    this.probe = probe;
    this.source = source;
    this.client = client;
    this.period = period;
    this.startProblem = startProblem;
  }

  /** A builder; see the class description. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures and starts a probe. Settings not given come from the environment and config file.
   */
  public static final class Builder {
    private URI server;
    private String ingestKey;
    private String project;
    private String clientName;
    private String clientVersion;
    private Path stateDirectory;
    private Duration period;
    private Map<String, String> environment = System.getenv();
    private Source source = Source.LIBRARY;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The Shimwatch server's base URL. */
    public Builder server(URI server) {
      this.server = server;
      return this;
    }

    /** The project's ingest key. */
    public Builder ingestKey(String key) {
      this.ingestKey = key;
      return this;
    }

    /** The project slug; default {@code default}. */
    public Builder project(String project) {
      this.project = project;
      return this;
    }

    /** The client's name and version as reports should show them. */
    public Builder client(String name, String version) {
      this.clientName = name;
      this.clientVersion = version;
      return this;
    }

    /** The state directory; default as {@link StateDirectory} describes. */
    public Builder stateDirectory(Path dir) {
      this.stateDirectory = dir;
      return this;
    }

    /**
     * Also report the shim's metrics every {@code period} (and at {@link #close()}); off by
     * default. Periodic reports need level 2 and are made only when the shim recorded calls.
     */
    public Builder period(Duration period) {
      this.period = period;
      return this;
    }

    /** The environment variables to honour (DO_NOT_TRACK and others); default the process's. */
    public Builder environment(Map<String, String> env) {
      this.environment = Map.copyOf(env);
      return this;
    }

    /**
     * What the reports say assembled them; default {@code library} (the javaagent sets its own).
     */
    public Builder source(Source source) {
      this.source = source;
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Starts the probe; never throws (a probe that cannot work says why in its status). */
    public Shimwatch start() {
      String problem = null;
      ProbeSettings settings;
      try {
        settings =
            ProbeSettings.resolve(
                new ProbeSettings.Flags(
                    server == null ? null : server.toString(), ingestKey, project, null),
                environment);
      } catch (SettingsException e) {
        problem = e.getMessage();
        settings =
            new ProbeSettings(
                null,
                null,
                ProbeSettings.DEFAULT_PROJECT,
                StateDirectory.fromEnvironment(environment),
                null,
                Path.of("config.properties"));
      } catch (RuntimeException e) {
        problem = "cannot read the settings: " + e;
        settings =
            new ProbeSettings(
                null,
                null,
                ProbeSettings.DEFAULT_PROJECT,
                StateDirectory.fromEnvironment(environment),
                null,
                Path.of("config.properties"));
      }
      if (stateDirectory != null) {
        settings = settings.withState(new StateDirectory(stateDirectory));
      }
      String name = ContractFields.name(clientName);
      Environment.Client c =
          new Environment.Client(
              name == null ? "unknown" : name, ContractFields.version(clientVersion));
      Shimwatch s =
          new Shimwatch(new Probe(settings, environment, clock), source, c, period, problem);
      if (problem != null) {
        s.fail("settings", problem);
      }
      s.activateIfConsented();
      return s;
    }
  }

  /** The consent level in force (0 when the environment forces it or the user never opted in). */
  public ConsentLevel consentLevel() {
    return gate().level();
  }

  /** What the consent in force allows; nothing when the consent file cannot be read. */
  private ConsentGate gate() {
    try {
      return probe.gate();
    } catch (ConsentFileException | RuntimeException e) {
      fail("consent", e.getMessage());
      return new ConsentGate(Consent.none(), ConsentLevel.NONE);
    }
  }

  /**
   * Records the user's explicit choice, as {@code shimwatch consent --level N} does. Call it only
   * when the user said so. Level 0 stops everything and discards what waits to be sent.
   *
   * @return whether it was stored
   */
  public boolean grantConsent(ConsentLevel level) {
    try {
      probe.changeConsent(level);
      activateIfConsented();
      return true;
    } catch (ConsentFileException | IOException | RuntimeException e) {
      fail("grant", "cannot store consent: " + e.getMessage());
      return false;
    }
  }

  /**
   * Reports how the client fared. At level 0 does nothing. Otherwise assembles a report with the
   * environment (and, at level 2, the shim's metrics since the last report), queues it and sends it
   * in the background.
   *
   * @param outcome what happened
   * @param comment the user's words, or {@code null}; scrubbed before it is queued
   */
  public void reportOutcome(Outcome outcome, String comment) {
    if (closed || outcome == null) {
      return;
    }
    // Consent given meanwhile (shimwatch consent --level N) counts from here on.
    activateIfConsented();
    ScheduledExecutorService w;
    synchronized (lock) {
      w = worker;
    }
    if (w == null) {
      return; // not consented: nothing at all
    }
    try {
      w.execute(() -> report(outcome, comment, false));
    } catch (RuntimeException e) {
      fail("schedule", "cannot queue a report: " + e.getMessage());
    }
  }

  /** The probe's state: consent, queue, last error (including this instance's failures). */
  public ProbeStatus status() {
    try {
      ProbeStatus s = probe.status();
      // A settings problem from the start is the root cause of what follows; it is shown first.
      String failure = startProblem != null ? startProblem : lastFailure;
      if (failure != null
          && (s.upload().lastError() == null || !s.upload().lastError().equals(failure))) {
        return new ProbeStatus(
            s.storedLevel(),
            s.effectiveLevel(),
            s.forcedOffBy(),
            s.consentProblem(),
            s.installationId(),
            s.server(),
            s.missingSettings(),
            s.waiting(),
            s.oldestQueuedAt(),
            s.problems(),
            s.sent(),
            s.rejected(),
            s.dropped(),
            s.upload().noted(probe.clock().instant(), failure));
      }
      return s;
    } catch (RuntimeException e) {
      fail("status", "cannot read the probe's state: " + e.getMessage());
      return new ProbeStatus(
          ConsentLevel.NONE,
          ConsentLevel.NONE,
          null,
          lastFailure,
          null,
          null,
          null,
          0,
          null,
          java.util.List.of(),
          0,
          0,
          java.util.List.of(),
          org.shimwatch.probe.upload.UploadState.initial().noted(Instant.now(), lastFailure));
    }
  }

  /**
   * Makes the final periodic report (when periods are on and the shim recorded calls), sends what
   * waits for up to 5 s, and stops the background thread. What could not be sent stays queued for
   * the next start or {@code shimwatch submit --pending}.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ScheduledExecutorService w;
    synchronized (lock) {
      w = worker;
      worker = null;
    }
    if (w == null) {
      return;
    }
    try {
      w.execute(
          () -> {
            if (period != null || (source == Source.JAVAAGENT && !reportedOnce)) {
              report(Outcome.UNKNOWN, null, true);
            }
            send(CLOSE_SEND_BUDGET);
          });
      w.shutdown();
      if (!w.awaitTermination(CLOSE_SEND_BUDGET.toSeconds() + 10, TimeUnit.SECONDS)) {
        w.shutdownNow();
      }
    } catch (InterruptedException e) {
      w.shutdownNow();
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail("close", e.getMessage());
    }
  }

  private void activateIfConsented() {
    if (closed || !gate().allowsReports()) {
      return;
    }
    synchronized (lock) {
      if (worker != null) {
        return;
      }
      worker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "shimwatch-probe");
                t.setDaemon(true);
                return t;
              });
      periodStart = probe.clock().instant();
      worker.execute(
          () -> {
            shim = safeShim();
            send(BACKGROUND_SEND_BUDGET);
          });
      if (period != null) {
        long ms = Math.max(1000, period.toMillis());
        worker.scheduleWithFixedDelay(
            () -> {
              report(Outcome.UNKNOWN, null, true);
              send(BACKGROUND_SEND_BUDGET);
            },
            ms,
            ms,
            TimeUnit.MILLISECONDS);
      }
    }
  }

  private NativeShim safeShim() {
    try {
      return PreloadedShim.load(probe.env());
    } catch (RuntimeException | LinkageError e) {
      return new UnavailableNativeShim(String.valueOf(e.getMessage()));
    }
  }

  /** Runs on the worker thread only. */
  private void report(Outcome outcome, String comment, boolean periodic) {
    try {
      ConsentGate gate = probe.gate();
      if (!gate.allowsReports()) {
        return;
      }
      if (shim == null) {
        shim = safeShim();
      }
      InProcessEvidence evidence = new InProcessEvidence(probe.linux(), client, shim);
      Instant now = probe.clock().instant().truncatedTo(ChronoUnit.MILLIS);
      Report.Period p =
          periodic && periodStart != null
              ? new Report.Period(periodStart.truncatedTo(ChronoUnit.MILLIS), now)
              : null;
      Report r =
          probe.assemble(gate, new ReportAssembler.Subject(source, outcome, comment, p), evidence);
      if (periodic && r.metrics() == null && reportedOnce) {
        return; // nothing new to say: the shim recorded no calls
      }
      probe.queue(r, evidence);
      reportedOnce = true;
      if (evidence.metricsTaken()) {
        shim.reset();
      }
      periodStart = now;
      evidence.warnings().forEach(w -> fail("shim-snapshot", w));
    } catch (Exception | LinkageError e) {
      fail("report", "cannot make a report: " + e.getMessage());
    }
  }

  private void send(Duration budget) {
    try {
      var result = probe.send(probe.gate(), budget, false);
      if (result.stopped() != null && result.waiting() > 0) {
        fail("send", result.stopped());
      }
    } catch (Exception | LinkageError e) {
      fail("send", "cannot send: " + e.getMessage());
    }
  }

  /** Logs a failure the first time it happens (per kind and message) and keeps it for status. */
  private void fail(String kind, String message) {
    lastFailure = message;
    if (logged.add(kind + ":" + message)) {
      LOG.log(Level.WARNING, "shimwatch: " + message);
      if (!"send".equals(kind)) {
        probe.noteError(message);
      }
    }
  }
}
