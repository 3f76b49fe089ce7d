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
 */
@ConfigurationProperties("shimwatch")
public record ShimwatchProperties(
    @DefaultValue("./data") String dataDir,
    @DefaultValue("") String bootstrapKey,
    @DefaultValue("") String adminPassword,
    @DefaultValue("false") boolean demo,
    @DefaultValue Ingest ingest,
    @DefaultValue Retention retention) {

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
}
