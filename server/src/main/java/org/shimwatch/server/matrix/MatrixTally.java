package org.shimwatch.server.matrix;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shimwatch.server.rollup.KeyHash;
import org.shimwatch.server.rollup.RolledReport;

/**
 * What a set of reports adds to the matrix: per row ({@link RowGroup}), per cell (row, full fix
 * set, client version and shim version) and per (cell, installation). Ingest and deletion apply the
 * tally of their batch as deltas; a rebuild writes the tally of every report.
 *
 * <p>Every view adds stored cells up: over fix sets always, and over client or shim versions as its
 * columns ask. Distinct installations do not add up, so each cell also names the coarser keys it
 * belongs to ({@link #clientKey}, {@link #shimKey}, {@link #nameKey}, {@link #pairKey}, {@link
 * #rowOnlyKey}), whose distinct installations are kept on their own.
 */
final class MatrixTally {

  /** Coarse cells per row and client version. */
  static final String CLIENT = "client";

  /** Coarse cells per row and shim version. */
  static final String SHIM = "shim";

  /** Coarse cells per row, client name and shim version. */
  static final String NAME = "name";

  /** Coarse cells per row, client version and shim version (over all fix sets). */
  static final String PAIR = "pair";

  /** Whole rows. */
  static final String ROW = "row";

  final Map<String, RowTally> rows = new LinkedHashMap<>();
  final Map<String, CellTally> cells = new LinkedHashMap<>();
  final Map<MemberKey, MemberTally> members = new LinkedHashMap<>();

  /** A matrix row: platform, stack version and fix level ({@link RowGroup}). */
  static final class RowTally {
    final String hash;
    final RowGroup group;
    long shimInactive;

    RowTally(String hash, RowGroup group) {
      this.hash = hash;
      this.group = group;
    }
  }

  /** A cell's counts. */
  static final class CellTally {
    final String hash;
    final String rowHash;
    final String fixesKey;
    final String clientName;
    final String clientVersion;
    final String shimVersion;
    final String clientKey;
    final String shimKey;
    final String nameKey;
    final String pairKey;
    final String rowKey;
    CellCounts counts = CellCounts.ZERO;
    Instant lastSeen;

    CellTally(
        String rowHash,
        String fixesKey,
        String clientName,
        String clientVersion,
        String shimVersion) {
      this.hash = cellKey(rowHash, fixesKey, clientName, clientVersion, shimVersion);
      this.rowHash = rowHash;
      this.fixesKey = fixesKey;
      this.clientName = clientName;
      this.clientVersion = clientVersion;
      this.shimVersion = shimVersion;
      this.clientKey = clientKey(rowHash, clientName, clientVersion);
      this.shimKey = shimKey(rowHash, shimVersion);
      this.nameKey = nameKey(rowHash, clientName, shimVersion);
      this.pairKey = pairKey(rowHash, clientName, clientVersion, shimVersion);
      this.rowKey = rowOnlyKey(rowHash);
    }

    /** The coarse keys of this cell, each with its family. */
    Map<String, String> coarseKeys() {
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put(clientKey, CLIENT);
      keys.put(shimKey, SHIM);
      keys.put(nameKey, NAME);
      keys.put(pairKey, PAIR);
      keys.put(rowKey, ROW);
      return keys;
    }

    void add(RolledReport r) {
      counts = counts.plus(CellCounts.of(r));
      Instant seen = r.seenAt();
      if (lastSeen == null || seen.isAfter(lastSeen)) {
        lastSeen = seen;
      }
    }

    /** Counts one more installation. */
    void addInstallation() {
      counts = counts.withInstallations(counts.installations() + 1);
    }
  }

  /** One installation's share of a cell. */
  record MemberKey(String cellHash, UUID installation) {}

  /** How many reports an installation has in a cell, and its newest. */
  static final class MemberTally {
    long reports;
    Instant lastSeen;
  }

  static String cellKey(
      String rowHash, String fixesKey, String client, String clientVersion, String shim) {
    return KeyHash.of(rowHash, "cell", fixesKey, client, clientVersion, shim);
  }

  static String pairKey(String rowHash, String client, String clientVersion, String shim) {
    return KeyHash.of(rowHash, PAIR, client, clientVersion, shim);
  }

  static String rowOnlyKey(String rowHash) {
    return KeyHash.of(rowHash, ROW, "", "", "");
  }

  static String clientKey(String rowHash, String client, String clientVersion) {
    return KeyHash.of(rowHash, CLIENT, client, clientVersion, "");
  }

  static String shimKey(String rowHash, String shim) {
    return KeyHash.of(rowHash, SHIM, "", "", shim);
  }

  static String nameKey(String rowHash, String client, String shim) {
    return KeyHash.of(rowHash, NAME, client, "", shim);
  }

  /** Adds a report: an inactive shim counts only in its row's inactive figure. */
  void add(RolledReport r) {
    RowGroup group = RowGroup.of(r);
    String rowHash = group.key();
    RowTally row = rows.computeIfAbsent(rowHash, h -> new RowTally(h, group));
    if (!r.shimActive()) {
      row.shimInactive++;
      return;
    }
    String client = RolledReport.nz(r.clientName());
    String clientVersion = RolledReport.nz(r.clientVersion());
    String shim = RolledReport.nz(r.shimVersion());
    String fixes = RolledReport.nz(r.fixesKey());
    CellTally cell =
        cells.computeIfAbsent(
            cellKey(rowHash, fixes, client, clientVersion, shim),
            h -> new CellTally(rowHash, fixes, client, clientVersion, shim));
    cell.add(r);
    MemberTally m =
        members.computeIfAbsent(
            new MemberKey(cell.hash, r.installationId()), k -> new MemberTally());
    m.reports++;
    if (m.lastSeen == null || r.seenAt().isAfter(m.lastSeen)) {
      m.lastSeen = r.seenAt();
    }
  }

  /**
   * Sets each cell's installations from the members tallied, and returns the distinct installations
   * of every coarse key (by key, with its family): exact for a whole tally.
   */
  Map<String, Long> countInstallations(Map<String, String> familyOfKey) {
    cells.values().forEach(c -> c.counts = c.counts.withInstallations(0));
    Map<UUID, Set<String>> coarseByInstallation = new LinkedHashMap<>();
    for (MemberKey k : members.keySet()) {
      CellTally c = cells.get(k.cellHash());
      c.addInstallation();
      Set<String> keys =
          coarseByInstallation.computeIfAbsent(k.installation(), i -> new HashSet<>());
      Map<String, String> coarse = c.coarseKeys();
      keys.addAll(coarse.keySet());
      familyOfKey.putAll(coarse);
    }
    Map<String, Long> distinct = new LinkedHashMap<>();
    for (Set<String> keys : coarseByInstallation.values()) {
      for (String key : keys) {
        distinct.merge(key, 1L, Long::sum);
      }
    }
    return distinct;
  }
}
