package org.shimwatch.web.advice;

import java.util.ArrayList;
import java.util.List;

/**
 * What an advice entry applies to. Every part is optional ({@code null}); an entry applies where
 * every part it sets matches. Version ranges include both ends; either end may be left open.
 *
 * @param stackName the TCP/IP stack's name as reports give it, e.g. {@code os2-tcpip}
 * @param stackFrom lowest stack version
 * @param stackTo highest stack version
 * @param fix a fix as the matrix names it: {@code kind:id} or the id alone, e.g. {@code UN02200}
 * @param fixPresent with {@code fix}: whether it applies where the fix is installed ({@code true})
 *     or where it is missing ({@code false})
 * @param installMode how the shim was put in place, the contract's name, e.g. {@code preload}
 * @param trapGroupId a trap group of the project
 * @param shimFrom lowest shim version
 * @param shimTo highest shim version
 */
public record AppliesTo(
    String stackName,
    String stackFrom,
    String stackTo,
    String fix,
    Boolean fixPresent,
    String installMode,
    Long trapGroupId,
    String shimFrom,
    String shimTo) {

  /** The install modes of the report contract. */
  public static final List<String> INSTALL_MODES =
      List.of(
          "preload",
          "replace-lib-dynload",
          "side-dir-before-lib-dynload",
          "side-dir-after-lib-dynload",
          "none",
          "unknown");

  /** Whether no part is set (such an entry would apply everywhere, which is refused). */
  public boolean isEmpty() {
    return stackName == null
        && stackFrom == null
        && stackTo == null
        && fix == null
        && installMode == null
        && trapGroupId == null
        && shimFrom == null
        && shimTo == null;
  }

  /** The parts in words, one per part set, e.g. {@code stack os2-tcpip 4.21 to 4.3}. */
  public List<String> describe(String trapGroupLabel) {
    List<String> out = new ArrayList<>();
    if (stackName != null || stackFrom != null || stackTo != null) {
      out.add(
          "stack "
              + (stackName == null ? "" : stackName + " ")
              + range(stackFrom, stackTo, "any version"));
    }
    if (fix != null) {
      out.add(fix + (Boolean.FALSE.equals(fixPresent) ? " missing" : " installed"));
    }
    if (installMode != null) {
      out.add("shim installed as " + installMode);
    }
    if (trapGroupId != null) {
      out.add("trap group " + (trapGroupLabel == null ? "#" + trapGroupId : trapGroupLabel));
    }
    if (shimFrom != null || shimTo != null) {
      out.add("shim " + range(shimFrom, shimTo, "any version"));
    }
    return out;
  }

  private static String range(String from, String to, String any) {
    if (from != null && to != null) {
      return from.equals(to) ? from : from + " to " + to;
    }
    if (from != null) {
      return from + " and later";
    }
    if (to != null) {
      return "up to " + to;
    }
    return any;
  }
}
