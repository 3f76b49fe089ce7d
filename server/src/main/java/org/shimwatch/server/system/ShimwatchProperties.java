package org.shimwatch.server.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code shimwatch.*} setting of the server. Each can be set in {@code
 * application.properties} or by environment variable (e.g. {@code SHIMWATCH_INGEST_MAXBODYBYTES}).
 *
 * @param dataDir folder of the embedded H2 database
 * @param bootstrapKey ingest key for the default project created on first start; a random one is
 *     made when empty
 * @param adminPassword password of the first maintainer, {@code admin}; a random one is made and
 *     printed once when empty
 * @param demo load demo reports on start
 * @param ingest ingest limits
 * @param retention how long raw reports are kept
 * @param matrix the compatibility matrix
 * @param traps how traps are grouped
 * @param insight fix correlation and regression flags
 * @param signIn how password guessing is slowed down
 * @param manual the report form for people without the probe
 */
@ConfigurationProperties("shimwatch")
public record ShimwatchProperties(
    @DefaultValue("./data") String dataDir,
    @DefaultValue("") String bootstrapKey,
    @DefaultValue("") String adminPassword,
    @DefaultValue("false") boolean demo,
    @DefaultValue Ingest ingest,
    @DefaultValue Retention retention,
    @DefaultValue Matrix matrix,
    @DefaultValue Traps traps,
    @DefaultValue Insight insight,
    @DefaultValue SignIn signIn,
    @DefaultValue Manual manual) {

  /**
   * Ingest limits.
   *
   * @param maxBodyBytes largest report accepted, after gzip inflation; 256 KiB holds a level-3
   *     report with every field at its limit several times over
   * @param perKeyPerSecond sustained reports per second one ingest key may post: a whole fleet
   *     shares one key, so this is set above what one server stores and only stops a leaked key
   *     being used to flood
   * @param perKeyBurst reports one key may post at once before the sustained rate applies
   * @param perInstallationPerMinute sustained reports per minute one installation may post; a probe
   *     sends one per run or period, so this only stops a runaway loop
   * @param perInstallationBurst reports one installation may post at once
   * @param trackedClients most keys and installations whose buckets are kept in memory
   */
  public record Ingest(
      @DefaultValue("262144") int maxBodyBytes,
      @DefaultValue("10000") double perKeyPerSecond,
      @DefaultValue("20000") int perKeyBurst,
      @DefaultValue("30") double perInstallationPerMinute,
      @DefaultValue("120") int perInstallationBurst,
      @DefaultValue("100000") int trackedClients) {}

  /**
   * Retention of raw reports: after {@code rawReports} the raw document is dropped and only the
   * normalized columns (and the aggregates built from them) stay.
   *
   * @param rawReports how long raw documents are kept
   * @param cron when the pruning job runs
   */
  public record Retention(
      @DefaultValue("180d") Duration rawReports, @DefaultValue("0 17 3 * * *") String cron) {}

  /**
   * The compatibility matrix.
   *
   * @param minInstallations a cell with fewer distinct installations shows only {@code not enough
   *     data} to the public: three keeps one enthusiastic user (or one broken machine) from
   *     deciding a verdict, and keeps a cell from describing a single person's machine
   */
  public record Matrix(@DefaultValue("3") int minInstallations) {}

  /**
   * How traps are grouped. A trap whose own module is in one of these lists is grouped on the first
   * frame outside them: a fault inside the shim or inside the C library usually means a caller
   * passed something bad, and the caller is what tells two faults apart. When every frame is in a
   * list, the first frame in a shim module is used (the code the maintainer owns), else the trap's
   * own location. OS/2 names are compared upper-cased and without extension (EXCEPTQ writes {@code
   * TCPIP32} where POPUPLOG.OS2 writes {@code TCPIP32.DLL}); Linux names exactly. A trailing {@code
   * *} matches any rest.
   *
   * @param shimModules the shim's own modules: the Linux preload library and the OS/2 shim's
   *     replacement Python modules
   * @param runtimeModules generic runtime modules every client goes through: the C library and
   *     dynamic loader, the JVM, the OS/2 system call DLL, the EMX C runtime and the Python
   *     interpreter
   */
  public record Traps(
      @DefaultValue({"libshimwatch.so", "_SOCKET.PYD", "SELECT.PYD"})
          java.util.List<String> shimModules,
      @DefaultValue({
            "libc.so.6",
            "libpthread.so.0",
            "ld-linux-x86-64.so.2",
            "libjvm.so",
            "DOSCALL1.DLL",
            "EMX.DLL",
            "EMXLIBCM.DLL",
            "EMXLIBCS.DLL",
            "LIBC06*",
            "PYTHON2*"
          })
          java.util.List<String> runtimeModules) {}

  /**
   * Fix correlation and regression flags.
   *
   * @param minFixSample a fix is compared only when at least this many judged reports have it and
   *     as many do not: below twenty a single report moves a rate by five points
   * @param regressionMinReports a trap-rate rise is flagged only with at least this many reports on
   *     each shim version
   * @param regressionTrapRatePoints how far (in percentage points) the trap rate must rise from one
   *     shim version to the next to be flagged
   */
  public record Insight(
      @DefaultValue("20") int minFixSample,
      @DefaultValue("10") int regressionMinReports,
      @DefaultValue("10") int regressionTrapRatePoints) {}

  /**
   * How password guessing is slowed down, at the sign-in page and for HTTP basic.
   *
   * @param freeAttempts failed sign-ins per account and per address before any wait: five lets a
   *     person mistype, and leaves a guesser five tries per period
   * @param firstDelay the wait after the first failure past the free ones; it doubles with every
   *     further failure
   * @param maxDelay the longest wait: a quarter hour holds a guesser to a handful of tries an hour
   *     while a locked-out owner still gets in the same morning
   * @param forgetAfter failures are forgotten this long after the last one
   * @param concurrentChecks password hashes checked at once: one keeps at least one of two cores
   *     free for ingest however many guesses arrive
   * @param checkWait how long a sign-in waits for its turn before it is answered "busy"
   * @param rememberRight how long a right password is remembered (as a keyed hash), so HTTP basic
   *     scripts and the metrics scrape do not pay one slow hash per request
   */
  public record SignIn(
      @DefaultValue("5") int freeAttempts,
      @DefaultValue("1s") Duration firstDelay,
      @DefaultValue("15m") Duration maxDelay,
      @DefaultValue("1h") Duration forgetAfter,
      @DefaultValue("1") int concurrentChecks,
      @DefaultValue("10s") Duration checkWait,
      @DefaultValue("5m") Duration rememberRight) {}

  /**
   * The report form for people without the probe ({@code /report/new}).
   *
   * @param sendsPerHour reports one sender (client address) may send an hour: a person sends a few;
   *     a script sending more is refused
   */
  public record Manual(@DefaultValue("6") int sendsPerHour) {}
}
