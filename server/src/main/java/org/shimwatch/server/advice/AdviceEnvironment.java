package org.shimwatch.server.advice;

import java.util.List;
import java.util.Set;

/**
 * What is known of a set-up that advice is matched against. Any part may be {@code null}: not
 * known. A part not known never keeps an entry away (it shows, with its conditions in words); a
 * part known must satisfy what the entry sets.
 *
 * @param stackName the TCP/IP stack's name, e.g. {@code os2-tcpip}
 * @param stackVersion its version, e.g. {@code 4.21}
 * @param fixes the fixes installed, as {@code kind:id[=version]} (or ids alone); an empty list
 *     means none, {@code null} not known
 * @param installMode the contract's install mode name, e.g. {@code preload}
 * @param shimVersion the shim version
 * @param trapGroups the ids of the trap groups seen there
 */
public record AdviceEnvironment(
    String stackName,
    String stackVersion,
    List<String> fixes,
    String installMode,
    String shimVersion,
    Set<Long> trapGroups) {

  public AdviceEnvironment {
    fixes = fixes == null ? null : List.copyOf(fixes);
    trapGroups = trapGroups == null ? null : Set.copyOf(trapGroups);
  }
}
