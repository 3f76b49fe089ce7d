package org.shimwatch.server.matrix;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.shimwatch.server.rollup.KeyHash;
import org.shimwatch.server.rollup.RolledReport;

/**
 * What a set of reports adds to the matrix: per row, per cell and per (cell, installation). Ingest
 * and deletion apply a tally of their batch as deltas; a rebuild writes the tally of every report.
 */
final class MatrixTally {

  /** Cells with client versions as columns. */
  static final String CLIENT = "client";

  /** Cells with shim versions as columns. */
  static final String SHIM = "shim";

  /** Cells per client version and shim version: a view filtered on the other dimension. */
  static final String PAIR = "pair";

  /** Cells per client name and shim version: shim columns filtered on a client name. */
  static final String NAME = "name";

  final Map<String, RowTally> rows = new LinkedHashMap<>();
  final Map<String, CellTally> cells = new LinkedHashMap<>();
  final Map<MemberKey, MemberTally> members = new LinkedHashMap<>();

  /** A matrix row: platform, stack and fixes. */
  static final class RowTally {
    final String hash;
    final String osFamily;
    final String osName;
    final String osVersion;
    final String stackName;
    final String stackVersion;
    final String fixesKey;
    long shimInactive;

    RowTally(String hash, RolledReport r) {
      this.hash = hash;
      this.osFamily = RolledReport.nz(r.osFamily());
      this.osName = RolledReport.nz(r.osName());
      this.osVersion = RolledReport.nz(r.osVersion());
      this.stackName = RolledReport.nz(r.stackName());
      this.stackVersion = RolledReport.nz(r.stackVersion());
      this.fixesKey = RolledReport.nz(r.fixesKey());
    }
  }

  /** A cell's counts. */
  static final class CellTally {
    final String hash;
    final String rowHash;
    final String family;
    final String clientName;
    final String clientVersion;
    final String shimVersion;
    long reports;
    long installations;
    long works;
    long selectProblem;
    long traps;
    long other;
    long unknownHealthy;
    long unknownOther;
    long trapReports;
    long trappedReports;
    long anomalyReports;
    long selfTestFailureReports;
    Instant lastSeen;

    CellTally(
        String hash,
        String rowHash,
        String family,
        String clientName,
        String clientVersion,
        String shimVersion) {
      this.hash = hash;
      this.rowHash = rowHash;
      this.family = family;
      this.clientName = clientName;
      this.clientVersion = clientVersion;
      this.shimVersion = shimVersion;
    }

    void add(RolledReport r) {
      reports++;
      switch (r.outcome()) {
        case "works" -> works++;
        case "select-problem" -> selectProblem++;
        case "traps" -> traps++;
        case "other" -> other++;
        default -> {
          if (r.healthy()) {
            unknownHealthy++;
          } else {
            unknownOther++;
          }
        }
      }
      if (r.hasTrapRecord()) {
        trapReports++;
      }
      if (r.trapped()) {
        trappedReports++;
      }
      if (r.anomaly()) {
        anomalyReports++;
      }
      if (r.selfTestFailures() > 0) {
        selfTestFailureReports++;
      }
      Instant seen = r.seenAt();
      if (lastSeen == null || seen.isAfter(lastSeen)) {
        lastSeen = seen;
      }
    }
  }

  /** One installation's share of a cell. */
  record MemberKey(String cellHash, UUID installation) {}

  /** How many reports an installation has in a cell, and its newest. */
  static final class MemberTally {
    long reports;
    Instant lastSeen;
  }

  /** Adds a report: an inactive shim counts only in its row's inactive figure. */
  void add(RolledReport r) {
    String rowHash =
        KeyHash.of(
            r.osFamily(), r.osName(), r.osVersion(), r.stackName(), r.stackVersion(), r.fixesKey());
    RowTally row = rows.computeIfAbsent(rowHash, h -> new RowTally(h, r));
    if (!r.shimActive()) {
      row.shimInactive++;
      return;
    }
    String client = RolledReport.nz(r.clientName());
    String clientVersion = RolledReport.nz(r.clientVersion());
    String shim = RolledReport.nz(r.shimVersion());
    cell(rowHash, CLIENT, client, clientVersion, "", r);
    cell(rowHash, SHIM, "", "", shim, r);
    cell(rowHash, PAIR, client, clientVersion, shim, r);
    cell(rowHash, NAME, client, "", shim, r);
  }

  private void cell(
      String rowHash,
      String family,
      String client,
      String clientVersion,
      String shim,
      RolledReport r) {
    String hash = KeyHash.of(rowHash, family, client, clientVersion, shim);
    cells
        .computeIfAbsent(hash, h -> new CellTally(h, rowHash, family, client, clientVersion, shim))
        .add(r);
    MemberTally m =
        members.computeIfAbsent(new MemberKey(hash, r.installationId()), k -> new MemberTally());
    m.reports++;
    if (m.lastSeen == null || r.seenAt().isAfter(m.lastSeen)) {
      m.lastSeen = r.seenAt();
    }
  }

  /** Sets each cell's installation count from the members tallied: exact for a whole tally. */
  void countInstallations() {
    cells.values().forEach(c -> c.installations = 0);
    for (MemberKey k : members.keySet()) {
      cells.get(k.cellHash()).installations++;
    }
  }
}
