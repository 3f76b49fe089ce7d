package org.shimwatch.web.traps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A group of traps that are the same fault, whatever artefact they were read from.
 *
 * @param id the group's id
 * @param signature code, module and location joined by {@code |}, e.g. {@code
 *     c0000005|TCPIP32|1:a1f4}
 * @param code exception code, signal name, or trap number as an exception
 * @param module the module the group is keyed on
 * @param location object:offset or module offset, lower-case hex without leading zeros
 * @param status where the group stands
 * @param fixedIn the shim version said to fix it, for {@code fixed} and {@code regressed}
 * @param statusLabel what a page shows: {@code new}, {@code fixed in 0.2.0}, ...
 * @param traps traps in the group
 * @param reports reports carrying at least one of them
 * @param installations distinct installations that sent them
 * @param firstSeen the oldest trap's time
 * @param lastSeen the newest trap's time
 * @param platforms reports by platform
 * @param stacks reports by stack
 * @param shimVersions reports by shim version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrapGroupView(
    long id,
    String signature,
    String code,
    String module,
    String location,
    TrapStatus status,
    String fixedIn,
    String statusLabel,
    long traps,
    long reports,
    long installations,
    Instant firstSeen,
    Instant lastSeen,
    List<Counted> platforms,
    List<Counted> stacks,
    List<Counted> shimVersions) {

  public TrapGroupView {
    platforms = List.copyOf(platforms);
    stacks = List.copyOf(stacks);
    shimVersions = List.copyOf(shimVersions);
  }

  /** A value and how many reports have it. */
  public record Counted(String value, long reports) {}
}
