package org.shimwatch.server.rollup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.server.publicversion.PublicVersions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes every rollup of a project from its stored reports: the report rows and their trap and
 * call rows (which retention keeps), not the raw documents (which it prunes). Traps are signed
 * again with the skip lists now in force, so changing a list and rebuilding regroups old traps. A
 * rebuild of a consistent project gives exactly what ingest and deletion maintained; a test holds
 * the two to that.
 */
@Service
public class RollupRebuild {

  /** Reports read at a time: bounds memory for the report rows, not for the totals. */
  static final int CHUNK = 5_000;

  private final RollupLock lock;
  private final ReportChildren children;
  private final TrapSigner signer;
  private final List<Rollup> rollups;
  private final PublicVersions publicVersions;

  RollupRebuild(
      RollupLock lock,
      ReportChildren children,
      TrapSigner signer,
      List<Rollup> rollups,
      PublicVersions publicVersions) {
    this.lock = lock;
    this.children = children;
    this.signer = signer;
    this.rollups = List.copyOf(rollups);
    this.publicVersions = publicVersions;
  }

  /**
   * What a rebuild did.
   *
   * @param reports reports read
   * @param resignedTraps traps whose group changed with the skip lists
   * @param took how long it took
   */
  public record Result(long reports, long resignedTraps, Duration took) {}

  /**
   * Rebuilds every rollup of the project in one transaction. Ingest for the project waits until it
   * commits.
   */
  @Transactional
  public Result rebuild(long projectId) {
    lock.lock(List.of(projectId));
    return rebuildLocked(projectId);
  }

  /** Rebuilds inside a transaction that holds the project's rollup lock. */
  Result rebuildLocked(long projectId) {
    long t0 = System.nanoTime();
    List<Rollup.Rebuild> builders = new ArrayList<>();
    for (Rollup r : rollups) {
      builders.add(r.rebuild(projectId));
    }
    long[] resigned = {0};
    long reports =
        children.forEachChunk(
            projectId,
            CHUNK,
            chunk -> {
              List<Object[]> changed = new ArrayList<>();
              for (RolledReport r : chunk) {
                RolledReport signed = resign(r, changed);
                for (Rollup.Rebuild b : builders) {
                  b.add(signed);
                }
              }
              children.resign(changed);
              resigned[0] += changed.size();
            });
    for (Rollup.Rebuild b : builders) {
      b.replace();
    }
    publicVersions.bump(projectId);
    return new Result(reports, resigned[0], Duration.ofNanos(System.nanoTime() - t0));
  }

  private RolledReport resign(RolledReport r, List<Object[]> changed) {
    if (r.traps().isEmpty()) {
      return r;
    }
    List<TrapRow> traps = new ArrayList<>(r.traps().size());
    boolean any = false;
    for (TrapRow t : r.traps()) {
      String s = signer.sign(t, r.osFamily());
      if (!s.equals(t.signature())) {
        changed.add(new Object[] {s, r.projectId(), r.reportId(), t.index()});
        any = true;
        traps.add(t.withSignature(s));
      } else {
        traps.add(t);
      }
    }
    return any ? r.withTraps(traps) : r;
  }
}
