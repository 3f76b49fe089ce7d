package org.shimwatch.probe.environment;

import java.util.regex.Pattern;

/**
 * Makes text read from the system fit the contract's name and version fields, so that an odd
 * distribution name or package version never makes a whole report invalid: characters the contract
 * does not allow are dropped, the rest is cut to length, and nothing left means "not known".
 */
public final class ContractFields {

  static final int NAME_MAX = 128;
  static final int VERSION_MAX = 64;

  private static final Pattern NAME_CHARS = Pattern.compile("[^\\p{L}\\p{N} ._+()/:,#'&-]");
  private static final Pattern NAME_START = Pattern.compile("^[^\\p{L}\\p{N}_]+");
  private static final Pattern VERSION_CHARS = Pattern.compile("[^A-Za-z0-9._+~:-]");
  private static final Pattern VERSION_START = Pattern.compile("^[^A-Za-z0-9]+");

  private ContractFields() {}

  /** The text as a contract name, or {@code null} when nothing usable is left. */
  public static String name(String text) {
    if (text == null) {
      return null;
    }
    String s = NAME_CHARS.matcher(text.strip()).replaceAll("");
    s = NAME_START.matcher(s).replaceAll("");
    s = cut(s, NAME_MAX).strip();
    return s.isEmpty() ? null : s;
  }

  /** The text as a contract version, or {@code null} when nothing usable is left. */
  public static String version(String text) {
    if (text == null) {
      return null;
    }
    String s = VERSION_CHARS.matcher(text.strip()).replaceAll("");
    s = VERSION_START.matcher(s).replaceAll("");
    s = cut(s, VERSION_MAX);
    return s.isEmpty() ? null : s;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
