package org.shimwatch.server.traps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shimwatch.server.rollup.RolledReport;
import org.shimwatch.server.rollup.TrapRow;

/**
 * What a set of reports adds to the trap groups: per group, per (group, installation) and per
 * (group, platform / stack / shim version). Reports whose shim was not active are left out: a trap
 * under the stock modules says nothing about the shim.
 */
final class TrapTally {

  static final String PLATFORM = "platform";
  static final String STACK = "stack";
  static final String SHIM = "shim";

  final Map<String, GroupTally> groups = new LinkedHashMap<>();
  final Map<MemberKey, MemberTally> members = new LinkedHashMap<>();
  final Map<DimKey, long[]> dims = new LinkedHashMap<>();

  /** One group's counts. */
  static final class GroupTally {
    final String signature;
    long traps;
    long reports;
    long installations;
    Instant firstSeen;
    Instant lastSeen;

    /** Shim versions of the reports added: what decides an automatic regression. */
    final Set<String> shimVersions = new LinkedHashSet<>();

    GroupTally(String signature) {
      this.signature = signature;
    }
  }

  record MemberKey(String signature, UUID installation) {}

  static final class MemberTally {
    long traps;
    Instant firstSeen;
    Instant lastSeen;
  }

  record DimKey(String signature, String dimension, String value) {}

  void add(RolledReport r) {
    if (!r.shimActive() || r.traps().isEmpty()) {
      return;
    }
    Set<String> inReport = new LinkedHashSet<>();
    for (TrapRow t : r.traps()) {
      String sig = t.signature();
      Instant at = when(t, r);
      GroupTally g = groups.computeIfAbsent(sig, GroupTally::new);
      g.traps++;
      g.firstSeen = min(g.firstSeen, at);
      g.lastSeen = max(g.lastSeen, at);
      MemberTally m =
          members.computeIfAbsent(new MemberKey(sig, r.installationId()), k -> new MemberTally());
      m.traps++;
      m.firstSeen = min(m.firstSeen, at);
      m.lastSeen = max(m.lastSeen, at);
      inReport.add(sig);
    }
    for (String sig : inReport) {
      GroupTally g = groups.get(sig);
      g.reports++;
      if (r.shimVersion() != null) {
        g.shimVersions.add(r.shimVersion());
      }
      dims.computeIfAbsent(new DimKey(sig, PLATFORM, r.platformLabel()), k -> new long[1])[0]++;
      dims.computeIfAbsent(new DimKey(sig, STACK, r.stackLabel()), k -> new long[1])[0]++;
      dims.computeIfAbsent(
              new DimKey(sig, SHIM, RolledReport.nz(r.shimVersion())), k -> new long[1])[0]++;
    }
  }

  /** Sets each group's installation count from the members tallied: exact for a whole tally. */
  void countInstallations() {
    groups.values().forEach(g -> g.installations = 0);
    for (MemberKey k : members.keySet()) {
      groups.get(k.signature()).installations++;
    }
  }

  /**
   * When a trap happened: its own time when it has one no later than the report's arrival, else
   * when the report was made.
   */
  static Instant when(TrapRow t, RolledReport r) {
    if (t.time() != null && !t.time().isAfter(r.receivedAt())) {
      return t.time();
    }
    return r.seenAt();
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
