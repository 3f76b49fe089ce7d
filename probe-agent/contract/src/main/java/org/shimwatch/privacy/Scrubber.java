package org.shimwatch.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what identifies a person or a machine from free text before it is queued (on the probe)
 * or stored (on the server): home directories and other personal paths, user and host names, e-mail
 * and IP addresses. System paths (/usr, /lib, C:\OS2, \TCPIP …) are kept, since they say which
 * stack parts were involved and name nobody.
 *
 * <p>Immutable and thread-safe.
 */
public final class Scrubber {

  /** What replaces a user name. */
  public static final String USER = "<user>";

  /** What replaces a host name. */
  public static final String HOST = "<host>";

  /** What replaces an IP address. */
  public static final String IP = "<ip>";

  /** What replaces an e-mail address. */
  public static final String EMAIL = "<email>";

  /** Names shorter than this are not replaced on their own: "a" or "pi" would maul any text. */
  static final int MIN_NAME_LENGTH = 3;

  private static final Pattern EMAIL_PATTERN =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private static final Pattern IPV4 =
      Pattern.compile(
          "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
              + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.]*\\d)");

  /** IPv6: at least two colons between hex groups, optionally compressed with "::". */
  private static final Pattern IPV6 =
      Pattern.compile(
          "(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\\w:])"
              + "|(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}"
              + "(?![\\w:])"
              + "|(?<![\\w:])::1(?![\\w:])");

  /** Unix homes: /home/NAME, /Users/NAME, /root. */
  private static final Pattern UNIX_HOME =
      Pattern.compile("(?:/home|/Users|/usr/home)/[^/\\s\"'<>|:;,]+|(?<![\\w.])/root(?=/|\\b)");

  /** Windows and OS/2 homes: X:\Users\NAME, X:\Documents and Settings\NAME, X:\HOME\NAME. */
  private static final Pattern DOS_HOME =
      Pattern.compile(
          "(?i)[A-Z]:[\\\\/](?:users|documents and settings|home)[\\\\/][^\\\\/\\s\"'<>|:;,]+");

  /** Host names on private suffixes: name.local, name.lan, name.home, name.internal. */
  private static final Pattern PRIVATE_HOST =
      Pattern.compile(
          "(?i)\\b[a-z0-9](?:[a-z0-9-]{0,62})(?:\\.[a-z0-9-]{1,63})*\\."
              + "(?:local|lan|home|internal|localdomain|intranet|corp)\\b");

  /** A name to replace wherever it stands as a word, and what replaces it. */
  private record Name(Pattern pattern, String replacement) {}

  private final List<Name> names;

  private Scrubber(Collection<String> userNames, Collection<String> hostNames) {
    List<Name> n = new ArrayList<>();
    for (String u : userNames) {
      addName(n, u, USER);
    }
    for (String h : hostNames) {
      addName(n, h, HOST);
      // "box.example.org" also appears as plain "box".
      int dot = h == null ? -1 : h.indexOf('.');
      if (dot > 0) {
        addName(n, h.substring(0, dot), HOST);
      }
    }
    this.names = List.copyOf(n);
  }

  /** A scrubber that knows no names: generic rules only. The server uses this one. */
  public static Scrubber generic() {
    return new Scrubber(List.of(), List.of());
  }

  /**
   * A scrubber that also removes these user and host names wherever they stand as words. The probe
   * passes the current user's name and the machine's host names.
   */
  public static Scrubber withNames(Collection<String> userNames, Collection<String> hostNames) {
    return new Scrubber(userNames, hostNames);
  }

  /** The text with personal paths, names and addresses replaced; {@code null} stays null. */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // Each pattern runs only when a cheap look says it could match: most text has no '@',
    // no "::" and no ".local", and the patterns cost far more than these scans.
    String s = text;
    if (s.indexOf('@') >= 0) {
      s = EMAIL_PATTERN.matcher(s).replaceAll(EMAIL);
    }
    if (s.contains("/home/")
        || s.contains("/Users/")
        || s.contains("/root")
        || s.contains("/usr/home/")) {
      s = UNIX_HOME.matcher(s).replaceAll("~");
    }
    if (s.contains(":\\") || s.contains(":/")) {
      s = DOS_HOME.matcher(s).replaceAll(Matcher.quoteReplacement("~"));
    }
    if (hasDottedDigits(s)) {
      s = IPV4.matcher(s).replaceAll(IP);
    }
    if (colons(s) >= 2) {
      s = IPV6.matcher(s).replaceAll(IP);
    }
    if (hasPrivateSuffix(s)) {
      s = PRIVATE_HOST.matcher(s).replaceAll(HOST);
    }
    for (Name n : names) {
      s = n.pattern().matcher(s).replaceAll(Matcher.quoteReplacement(n.replacement()));
    }
    return s;
  }

  private static boolean hasDottedDigits(String s) {
    for (int i = 1; i < s.length() - 1; i++) {
      if (s.charAt(i) == '.'
          && Character.isDigit(s.charAt(i - 1))
          && Character.isDigit(s.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private static int colons(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ':') {
        n++;
      }
    }
    return n;
  }

  private static final List<String> PRIVATE_SUFFIXES =
      List.of(".local", ".lan", ".home", ".internal", ".localdomain", ".intranet", ".corp");

  private static boolean hasPrivateSuffix(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    for (String suffix : PRIVATE_SUFFIXES) {
      if (lower.contains(suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Only the last part of a path, for fields that name a file (a module, an executable): {@code
   * /home/alice/bin/aria2c} becomes {@code aria2c}, {@code E:\APPS\PYTHON.EXE} becomes {@code
   * PYTHON.EXE}.
   */
  public static String fileName(String path) {
    if (path == null) {
      return null;
    }
    String p = path.strip();
    int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    return cut >= 0 ? p.substring(cut + 1) : p;
  }

  private static void addName(List<Name> into, String name, String replacement) {
    if (name == null || name.strip().length() < MIN_NAME_LENGTH) {
      return;
    }
    String regex = namePattern(name);
    for (Name existing : into) {
      if (existing.pattern().pattern().equals(regex)) {
        return;
      }
    }
    into.add(new Name(Pattern.compile(regex), replacement));
  }

  private static String namePattern(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return "(?iu)(?<![\\p{L}\\p{N}_])" + Pattern.quote(n) + "(?![\\p{L}\\p{N}_])";
  }
}
