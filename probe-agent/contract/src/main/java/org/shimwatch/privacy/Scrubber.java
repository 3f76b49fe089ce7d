package org.shimwatch.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what identifies a person or a machine from free text before it is queued (on the probe)
 * or stored (on the server), and leaves everything else as it was.
 *
 * <p>Removed, each replaced by a placeholder that says what stood there: credentials in URLs
 * ({@code <credentials>}), e-mail addresses ({@code <email>}), MAC addresses ({@code <mac>}), IPv4
 * and IPv6 addresses ({@code <ip>}; an IPv6 zone such as {@code %en0} names an interface and
 * stays), home directories with the user name in them ({@code ~}: {@code /home/NAME}, {@code
 * C:\Users\NAME}, OS/2's {@code D:\HOME\NAME}), user and host names in shell prompts, {@code
 * USER=}/{@code HOSTNAME=} settings, UNC paths and private host names ({@code nas.local}), and the
 * names the probe knows: this account's user names ({@code <user>}), this machine's host names
 * ({@code <host>}) and the account's real name ({@code <name>}).
 *
 * <p>Kept, because they name nobody and say what went wrong: clock times ({@code 10:15:30}),
 * durations ({@code 2:30}), ratios, OS/2 {@code selector:offset} addresses ({@code 0168:fff4b7e2}),
 * register values, version strings ({@code TCP/IP 4.21}, {@code v4.3.2.1}), loopback and
 * unspecified addresses ({@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0}), netmasks, system paths
 * ({@code /usr/lib}, {@code C:\OS2}) and shared profile folders ({@code C:\Users\Public}).
 *
 * <p>The server has no names to give: it uses {@link #generic()}. The probe uses {@link
 * #withNames(Collection, Collection, Collection)} with what it knows of the local account. Text the
 * probe scrubbed comes through the server's pass unchanged.
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

  /** What replaces a MAC address. */
  public static final String MAC = "<mac>";

  /** What replaces an e-mail address. */
  public static final String EMAIL = "<email>";

  /** What replaces a person's real name. */
  public static final String NAME = "<name>";

  /** What replaces the user name and password in a URL. */
  public static final String CREDENTIALS = "<credentials>";

  /** What replaces a home directory. */
  public static final String HOME = "~";

  /** Single letters are never replaced on their own: "a" would maul any text. */
  static final int MIN_NAME_LENGTH = 2;

  /**
   * Names shorter than this are replaced only as spelled ("vm", not "VM"), longer ones in any case.
   */
  static final int CASE_BLIND_LENGTH = 3;

  /**
   * Account and machine names that name nobody and are ordinary words in reports: replacing them
   * would only maul text.
   */
  static final Set<String> IMPERSONAL_NAMES =
      Set.of(
          "root",
          "admin",
          "administrator",
          "user",
          "guest",
          "nobody",
          "default",
          "public",
          "shared",
          "home",
          "localhost",
          "pi",
          "ubuntu",
          "debian",
          "fedora",
          "raspberrypi",
          "vagrant",
          "unknown",
          "none");

  // ------------------------------------------------------------------ generic rules

  /** scheme://user:password@ (or scheme://user@): the credentials go, the host stays. */
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{1,15}://)[^\\s/?#@\\[\\]<>]+@");

  /** Shell prompts: "alice@warpbox:~/bt$", "[alice@warpbox bt]$". */
  private static final Pattern PROMPT =
      Pattern.compile(
          "(?<![\\w.%+-])[A-Za-z_][\\w.-]*@[A-Za-z0-9][\\w-]*(?=:[~/])"
              + "|(?<=\\[)[A-Za-z_][\\w.-]*@[A-Za-z0-9][\\w.-]*(?=\\s)");

  private static final Pattern EMAIL_PATTERN =
      Pattern.compile(
          "[A-Za-z0-9._%+-]+(?:'[A-Za-z0-9._%+-]+)*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  /** Settings that carry a name: "SET HOSTNAME=warpbox", "USER=alice", "Hostname: box". */
  private static final Pattern NAME_SETTING =
      Pattern.compile(
          "(?i)(?<![\\w?&./-])(?:(hostname|computername|userdomain)(\\s*[=:]\\s*)"
              + "|(user|username|logname)(\\s*=\\s*))([^\\s;,\"'<>]+)");

  /** Six octets with ':' or '-', and Cisco's three dotted quads of hex. */
  private static final Pattern MAC_PATTERN =
      Pattern.compile(
          "(?<![\\w:.-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\1[0-9A-Fa-f]{2}){4}(?![\\w:-])"
              + "|(?<![\\w.])[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}(?![\\w.])");

  /** Twelve bare hex digits, only where a word says they are a hardware address. */
  private static final Pattern BARE_MAC =
      Pattern.compile(
          "(?i)((?:mac|hwaddr|ether|adapter address|physical address|network address"
              + "|burned-in address|node address)(?: is)?\\s{0,3}[:=]?\\s{0,3})"
              + "[0-9a-f]{12}(?![\\w])");

  /** Anything made of hex groups and at least two colons; {@link #ipv6} decides. */
  private static final Pattern IPV6_CANDIDATE =
      Pattern.compile(
          "(?<![\\w.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})?");

  private static final Pattern IPV4 =
      Pattern.compile(
          "(?<![\\w.])((?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
              + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.]*\\d)(?!\\w)");

  /** A home segment: one word, or words with spaces when a path separator follows them. */
  private static final String SEGMENT =
      "(?:[^\\\\/\\s\"'<>|:;,*?]+(?: [^\\\\/\\s\"'<>|:;,*?]+)*(?=[\\\\/])"
          + "|[^\\\\/\\s\"'<>|:;,*?]+)";

  /** Unix homes: /home/NAME, /Users/NAME, /usr/home/NAME, /export/home/NAME, and /root. */
  private static final Pattern UNIX_HOME =
      Pattern.compile(
          "(?<![\\w.~])/(?:home|Users|usr/home|export/home|var/home)/(?<name>"
              + SEGMENT
              + ")|(?<![\\w.])/root(?=/|\\b)");

  /** ~alice/x names alice's home. */
  private static final Pattern TILDE_USER = Pattern.compile("(?<![\\w~])~[A-Za-z_][\\w.-]*(?=/)");

  /**
   * Windows and OS/2 homes: X:\\Users\\NAME, X:\\Documents and Settings\\NAME, X:\\HOME\\NAME, and
   * the same without a drive (\\\\server\\Users\\NAME).
   */
  private static final Pattern DOS_HOME =
      Pattern.compile(
          "(?i)(?:(?<![\\w])[A-Z]:[\\\\/]+|(?<bare>(?<![\\w\\\\/.])\\\\))"
              + "(?<dir>users|documents and settings|docume~1|home|winnt[\\\\/]profiles)[\\\\/]+(?<name>"
              + SEGMENT
              + ")");

  /** Home folders that belong to nobody in particular. */
  private static final Set<String> SHARED_HOMES =
      Set.of("public", "default", "all users", "default user", "shared", "guest");

  /** \\SERVER\share: the server is a machine's name. */
  private static final Pattern UNC =
      Pattern.compile("(?<![\\w\\\\])\\\\\\\\[A-Za-z0-9][\\w$-]*\\\\");

  /** Windows' made-up computer names: DESKTOP-4F3K2L1, LAPTOP-8HJ2K9QZ. */
  private static final Pattern WINDOWS_HOST =
      Pattern.compile("(?<![\\w-])(?:DESKTOP|LAPTOP)-[A-Z0-9]{7,8}(?![\\w-])");

  /** DOMAIN\\user once the domain is gone: "<host>\\anna". */
  private static final Pattern DOMAIN_USER =
      Pattern.compile("(?<=" + HOST + "\\\\)[A-Za-z][\\w.-]*(?![\\\\\\w])");

  /** Host names on private suffixes: nas.local, box.lan, router.fritz.box, pc.home.arpa. */
  private static final Pattern PRIVATE_HOST =
      Pattern.compile(
          "(?i)(?<![\\w.-])[a-z0-9](?:[a-z0-9-]{0,62})(?:\\.[a-z0-9-]{1,63})*\\."
              + "(?:local|lan|home|internal|localdomain|intranet|corp|home\\.arpa|fritz\\.box)"
              + "(?![\\w-]|\\.\\w)");

  private static final List<String> PRIVATE_SUFFIXES =
      List.of(
          ".local",
          ".lan",
          ".home",
          ".internal",
          ".localdomain",
          ".intranet",
          ".corp",
          ".fritz.box");

  /** Words after which a dotted quad is a version, not an address. */
  private static final Set<String> VERSION_WORDS =
      Set.of(
          "v",
          "ver",
          "version",
          "level",
          "release",
          "rev",
          "revision",
          "build",
          "fixpak",
          "fp",
          "csd",
          "syslevel",
          "firmware",
          "bios",
          "driver",
          "kernel",
          "update");

  /** Words after which a dotted quad is an address, however they are capitalised. */
  private static final Set<String> ADDRESS_WORDS =
      Set.of(
          "ip",
          "ipv4",
          "ip4",
          "addr",
          "address",
          "host",
          "server",
          "peer",
          "client",
          "from",
          "to",
          "at",
          "via",
          "gateway",
          "gw",
          "router",
          "dns",
          "nameserver",
          "proxy",
          "tracker",
          "seed",
          "mirror",
          "bind",
          "bound",
          "listen",
          "listening",
          "connect",
          "connected",
          "connecting",
          "src",
          "dst",
          "source",
          "destination",
          "remote",
          "local",
          "inet",
          "ping",
          "route",
          "nas",
          "box",
          "pc",
          "laptop",
          "machine",
          "my",
          "on",
          "by",
          "with",
          "behind",
          "and",
          "or",
          "target",
          "node",
          "lan",
          "wan",
          "public",
          "private",
          "static",
          "dhcp",
          "lease");

  // ------------------------------------------------------------------ names the probe knows

  /**
   * A name to replace wherever it stands as a word, and what replaces it; {@code needle} is a
   * lower-case part of it that the text must contain for the pattern to be worth running.
   */
  private record Name(String text, String needle, Pattern pattern, String replacement) {}

  private final List<Name> names;

  private Scrubber(
      Collection<String> userNames, Collection<String> hostNames, Collection<String> realNames) {
    List<Name> n = new ArrayList<>();
    for (String real : realNames) {
      addRealName(n, real);
    }
    for (String h : hostNames) {
      addName(n, h, HOST);
      // "box.example.org" also appears as plain "box".
      int dot = h == null ? -1 : h.indexOf('.');
      if (dot > 0) {
        addName(n, h.substring(0, dot), HOST);
      }
    }
    for (String u : userNames) {
      addName(n, u, USER);
    }
    // The longest first: "alice-laptop" goes as a host before "alice" could go as a user.
    n.sort(Comparator.comparingInt((Name x) -> x.text().length()).reversed());
    this.names = List.copyOf(n);
  }

  /** A scrubber that knows no names: generic rules only. The server uses this one. */
  public static Scrubber generic() {
    return new Scrubber(List.of(), List.of(), List.of());
  }

  /**
   * A scrubber that also removes these user and host names wherever they stand as words (not inside
   * other words).
   */
  public static Scrubber withNames(Collection<String> userNames, Collection<String> hostNames) {
    return new Scrubber(userNames, hostNames, List.of());
  }

  /**
   * A scrubber that also removes these user and host names and people's real names wherever they
   * stand as words. The probe passes the current account's names, the machine's host names and the
   * account's real name (the passwd GECOS field): a full name goes in any case and spacing, each
   * part of it as it is written ("Doe", "DOE").
   */
  public static Scrubber withNames(
      Collection<String> userNames, Collection<String> hostNames, Collection<String> realNames) {
    return new Scrubber(userNames, hostNames, realNames);
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
      s = URL_CREDENTIALS.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(CREDENTIALS) + "@");
      s = replace(s, PROMPT, Scrubber::prompt);
      s = EMAIL_PATTERN.matcher(s).replaceAll(EMAIL);
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if ((s.indexOf('=') >= 0 || s.indexOf(':') >= 0)
        && (lower.contains("user")
            || lower.contains("host")
            || lower.contains("logname")
            || lower.contains("computername"))) {
      s = replace(s, NAME_SETTING, Scrubber::setting);
    }
    int colons = count(s, ':');
    if (colons >= 5 || count(s, '-') >= 5 || count(s, '.') >= 2) {
      s = replace(s, MAC_PATTERN, Scrubber::mac);
    }
    if (hasHexRun(s, 12)) {
      s = BARE_MAC.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MAC));
    }
    if (colons >= 2) {
      s = replace(s, IPV6_CANDIDATE, Scrubber::ipv6);
    }
    if (hasDottedDigits(s)) {
      s = replace(s, IPV4, Scrubber::ipv4);
    }
    if (s.indexOf('\\') >= 0 || s.contains(":/")) {
      s = UNC.matcher(s).replaceAll(Matcher.quoteReplacement("\\\\" + HOST + "\\"));
      s = replace(s, DOS_HOME, Scrubber::dosHome);
    }
    if (s.indexOf('/') >= 0) {
      s = replace(s, UNIX_HOME, (m, t) -> home(m, "name"));
      s = TILDE_USER.matcher(s).replaceAll(HOME);
    }
    if (s.contains("DESKTOP-") || s.contains("LAPTOP-")) {
      s = WINDOWS_HOST.matcher(s).replaceAll(HOST);
    }
    if (s.contains(HOST + "\\")) {
      s = replace(s, DOMAIN_USER, (m, t) -> impersonal(m.group()) ? null : USER);
    }
    if (hasPrivateSuffix(s)) {
      s = PRIVATE_HOST.matcher(s).replaceAll(HOST);
    }
    if (!names.isEmpty()) {
      lower = s.toLowerCase(Locale.ROOT);
      for (Name n : names) {
        if (lower.contains(n.needle())) {
          s = n.pattern().matcher(s).replaceAll(Matcher.quoteReplacement(n.replacement()));
          lower = s.toLowerCase(Locale.ROOT);
        }
      }
    }
    return s;
  }

  /** What replaces one match; {@code null} keeps it. */
  private interface Rule {
    String apply(Matcher m, String text);
  }

  private static String replace(String s, Pattern p, Rule with) {
    Matcher m = p.matcher(s);
    if (!m.find()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int last = 0;
    do {
      String r = with.apply(m, s);
      if (r != null) {
        out.append(s, last, m.start()).append(r);
        last = m.end();
      }
    } while (m.find());
    return out.append(s, last, s.length()).toString();
  }

  private static boolean impersonal(String name) {
    return IMPERSONAL_NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** "alice@warpbox" in a prompt: each part goes unless it names nobody ("root@debian"). */
  private static String prompt(Matcher m, String text) {
    String p = m.group();
    int at = p.indexOf('@');
    String user = p.substring(0, at);
    String host = p.substring(at + 1);
    return (impersonal(user) ? user : USER) + "@" + (impersonal(host) ? host : HOST);
  }

  /** A MAC address, unless it is broadcast (all ff) or empty (all 00). */
  private static String mac(Matcher m, String text) {
    String hex = m.group().replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
    return hex.equals("ffffffffffff") || hex.equals("000000000000") ? null : MAC;
  }

  private static String setting(Matcher m, String text) {
    String value = m.group(5);
    if (value.startsWith("<") || IMPERSONAL_NAMES.contains(value.toLowerCase(Locale.ROOT))) {
      return null;
    }
    if (m.group(1) != null) {
      return m.group(1) + m.group(2) + HOST;
    }
    return m.group(3) + m.group(4) + USER;
  }

  private static String home(Matcher m, String segment) {
    String name = segment == null ? null : m.group(segment);
    if (name == null) {
      return HOME; // /root
    }
    if (name.startsWith("<") || SHARED_HOMES.contains(name.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return HOME;
  }

  private static String dosHome(Matcher m, String text) {
    String h = home(m, "name");
    if (h == null || m.group("bare") == null || !text.startsWith(HOST, m.start() - HOST.length())) {
      return h;
    }
    // A share's path ("\\\\<host>\\Users\\alice"): only the name goes.
    return "\\" + m.group("dir") + "\\" + USER;
  }

  /** An IPv6 address becomes {@code <ip>} unless it is loopback or unspecified; else null. */
  private static String ipv6(Matcher m, String text) {
    String c = m.group();
    String a = c;
    // "fe80::1:" at the end of a clause: the last colon is punctuation.
    if (a.endsWith(":") && !a.endsWith("::")) {
      a = a.substring(0, a.length() - 1);
    }
    if (!validIpv6(a)) {
      return null;
    }
    String lower = a.toLowerCase(Locale.ROOT);
    if (lower.equals("::1") || lower.equals("::") || lower.equals("0:0:0:0:0:0:0:1")) {
      return null;
    }
    return IP + c.substring(a.length());
  }

  static boolean validIpv6(String text) {
    // No digit at all: a C++ name such as "Face::Add", not an address.
    if (text.isEmpty() || text.contains(":::") || !text.chars().anyMatch(Character::isDigit)) {
      return false;
    }
    String t = text;
    int extra = 0;
    int dot = t.indexOf('.');
    if (dot >= 0) {
      int colon = t.lastIndexOf(':');
      if (colon < 0 || colon > dot || !validIpv4(t.substring(colon + 1))) {
        return false;
      }
      t = t.substring(0, colon + 1) + "0"; // the IPv4 tail is two groups: count one more
      extra = 1;
    }
    int compressed = t.indexOf("::");
    if (compressed >= 0 && t.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    int groups;
    if (compressed >= 0) {
      groups = groups(t.substring(0, compressed)) + groups(t.substring(compressed + 2));
      if (groups < 0) {
        return false;
      }
      // "::2" alone (a Python slice) is no address worth a guess; "::ffff:…" and "fe80::1" are.
      return groups + extra <= 7 && (groups + extra >= 2 || t.equals("::1") || t.equals("::"));
    }
    groups = groups(t);
    return groups + extra == 8;
  }

  /** Hex groups in "a:b:c", or -1 when one is empty or not 1-4 hex digits. */
  private static int groups(String part) {
    if (part.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (String g : part.split(":", -1)) {
      if (g.isEmpty() || g.length() > 4) {
        return -1;
      }
      for (int i = 0; i < g.length(); i++) {
        if (Character.digit(g.charAt(i), 16) < 0) {
          return -1;
        }
      }
      n++;
    }
    return n;
  }

  private static boolean validIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  /**
   * A dotted quad becomes {@code <ip>} unless it names nobody (loopback, unspecified, a netmask) or
   * its context says it is a version ("TCP/IP 4.3.2.1", "v4.3.2.1", "build 5.0.1.2"); a private
   * address is an address whatever stands before it.
   */
  private static String ipv4(Matcher m, String text) {
    String ip = m.group();
    String[] parts = ip.split("\\.");
    int a = Integer.parseInt(parts[0]);
    int b = Integer.parseInt(parts[1]);
    if (a == 127 || ip.equals("0.0.0.0") || netmask(parts)) {
      return null;
    }
    boolean isPrivate =
        a == 10
            || (a == 172 && b >= 16 && b <= 31)
            || (a == 192 && b == 168)
            || (a == 169 && b == 254)
            || (a == 100 && b >= 64 && b <= 127);
    // Versions have small parts ("4.3.2.1", "5.3.0.12"); most addresses have a part of 100 or more.
    boolean small = a < 100 && b < 100 && Integer.parseInt(parts[2]) < 100;
    if (isPrivate || !small || !versionContext(m, text)) {
      return IP;
    }
    return null;
  }

  private static boolean netmask(String[] parts) {
    long v = 0;
    for (String p : parts) {
      v = (v << 8) | Integer.parseInt(p);
    }
    if (v == 0xFFFFFFFFL) {
      return true;
    }
    // Contiguous ones from the top, at least eight of them.
    long inverted = ~v & 0xFFFFFFFFL;
    return parts[0].equals("255") && (inverted & (inverted + 1)) == 0;
  }

  private static boolean versionContext(Matcher m, String s) {
    int start = m.start();
    int end = m.end();
    // Followed by a port, a zone or a prefix: an address.
    if (end < s.length()) {
      char next = s.charAt(end);
      if ((next == ':' && end + 1 < s.length() && Character.isDigit(s.charAt(end + 1)))
          || next == '%'
          || next == '/' && end + 1 < s.length() && Character.isDigit(s.charAt(end + 1))
          || next == ']') {
        return false;
      }
    }
    // "v4.3.2.1", "python-2.7.6.1": glued to a word.
    if (start > 0) {
      char before = s.charAt(start - 1);
      if (before == 'v' || before == 'V') {
        return start < 2 || !Character.isLetterOrDigit(s.charAt(start - 2));
      }
      if (before == '@' || before == '/' || before == '[') {
        return false;
      }
    }
    // The word before, across spaces and a ':' or '='.
    int i = start - 1;
    while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == ':' || s.charAt(i) == '=')) {
      i--;
    }
    int wordEnd = i + 1;
    while (i >= 0 && !Character.isWhitespace(s.charAt(i)) && "([{\"'".indexOf(s.charAt(i)) < 0) {
      i--;
    }
    String word = s.substring(i + 1, wordEnd).replaceAll("[,;.]+$", "");
    if (word.isEmpty()) {
      return false;
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (VERSION_WORDS.contains(lower)) {
      return true;
    }
    if (ADDRESS_WORDS.contains(lower)) {
      return false;
    }
    // A product's name: "Python", "TCP/IP", "MPTS", "aria2c", "OpenSSL".
    boolean letter = false;
    boolean upperOrMark = false;
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      letter |= Character.isLetter(c);
      upperOrMark |= Character.isUpperCase(c) || c == '/' || Character.isDigit(c);
    }
    return letter && upperOrMark;
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

  private static boolean hasHexRun(String s, int length) {
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = Character.digit(s.charAt(i), 16) >= 0 ? run + 1 : 0;
      if (run >= length) {
        return true;
      }
    }
    return false;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

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

  /** Not part of a word, and not inside a placeholder. */
  private static final String BEFORE = "(?<![\\p{L}\\p{N}_<])";

  private static final String AFTER = "(?![\\p{L}\\p{N}_>])";

  private static void addName(List<Name> into, String name, String replacement) {
    if (name == null) {
      return;
    }
    String n = name.strip();
    if (n.length() < MIN_NAME_LENGTH || IMPERSONAL_NAMES.contains(n.toLowerCase(Locale.ROOT))) {
      return;
    }
    String regex =
        n.length() < CASE_BLIND_LENGTH
            ? BEFORE + Pattern.quote(n) + AFTER
            : "(?iu)" + BEFORE + Pattern.quote(n.toLowerCase(Locale.ROOT)) + AFTER;
    add(into, n, regex, replacement);
  }

  private static void addRealName(List<Name> into, String realName) {
    if (realName == null) {
      return;
    }
    // A passwd GECOS field: "John Doe,Room 12,555-1234,": the name is before the first comma.
    int comma = realName.indexOf(',');
    String full = (comma >= 0 ? realName.substring(0, comma) : realName).strip();
    if (full.isEmpty()) {
      return;
    }
    String[] parts = full.split("\\s+");
    List<String> words = new ArrayList<>();
    for (String p : parts) {
      String w = p.replaceAll("^[\\p{P}]+|[\\p{P}&&[^.]]+$", "");
      if (w.length() >= MIN_NAME_LENGTH
          && !w.endsWith(".")
          && !IMPERSONAL_NAMES.contains(w.toLowerCase(Locale.ROOT))) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return;
    }
    if (parts.length > 1) {
      StringBuilder regex = new StringBuilder("(?iu)" + BEFORE);
      for (int i = 0; i < parts.length; i++) {
        regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(parts[i]));
      }
      add(into, full, regex.append(AFTER).toString(), NAME);
    }
    // Each part as written and in capitals: "Doe", "DOE"; "doe" may be an ordinary word.
    for (String w : words) {
      String regex =
          BEFORE
              + "(?:"
              + Pattern.quote(w)
              + "|"
              + Pattern.quote(w.toUpperCase(Locale.ROOT))
              + ")"
              + AFTER;
      add(into, w, regex, NAME);
    }
  }

  private static void add(List<Name> into, String text, String regex, String replacement) {
    for (Name existing : into) {
      if (existing.pattern().pattern().equals(regex)) {
        return;
      }
    }
    // A full name's first word: "John  Doe" may stand with any spacing.
    String needle = text.toLowerCase(Locale.ROOT).split("\\s+")[0];
    into.add(new Name(text, needle, Pattern.compile(regex), replacement));
  }
}
