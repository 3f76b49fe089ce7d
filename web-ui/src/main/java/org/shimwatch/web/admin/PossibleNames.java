package org.shimwatch.web.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words in a comment that may be a person's name, for the moderator to look at before approving.
 * The scrubber removes the sender's own names only where their probe knew them (account, host and
 * real name); the server knows no names, so a name typed into a comment, the sender's or someone
 * else's, reaches the moderation queue. This is a hint, not a filter: it flags two or three
 * capitalised words in a row ("John Smith") and a capitalised word after a greeting or an
 * introduction ("Regards, John", "I am Maria"), leaving out the words of the trade (Warp, Server,
 * Python …) that make up most capitalised pairs in reports.
 */
final class PossibleNames {

  private static final Pattern RUN =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])\\p{Lu}\\p{Ll}+(?:[ '-]\\p{Lu}\\p{Ll}+){1,2}(?![\\p{L}\\p{N}])");

  private static final Pattern INTRODUCED =
      Pattern.compile(
          "(?i:regards|cheers|thanks|thank you|greetings|best|signed|i am|i'm|my name is"
              + "|this is|from|by)[,!:]?\\s+(\\p{Lu}\\p{Ll}+)(?![\\p{L}\\p{N}])");

  /** Capitalised words that are seldom names in these reports. */
  private static final Set<String> TRADE =
      Set.of(
          "the",
          "this",
          "that",
          "these",
          "it",
          "its",
          "after",
          "before",
          "when",
          "with",
          "without",
          "and",
          "but",
          "or",
          "on",
          "in",
          "at",
          "same",
          "also",
          "works",
          "hangs",
          "crashes",
          "fails",
          "no",
          "not",
          "only",
          "thanks",
          "regards",
          "please",
          "hello",
          "hi",
          "dear",
          "maintainers",
          "warp",
          "server",
          "connect",
          "merlin",
          "aurora",
          "virtual",
          "box",
          "virtualbox",
          "vmware",
          "open",
          "office",
          "windows",
          "linux",
          "debian",
          "ubuntu",
          "fedora",
          "arca",
          "python",
          "java",
          "perl",
          "mozilla",
          "firefox",
          "thunderbird",
          "seamonkey",
          "internet",
          "explorer",
          "network",
          "adapter",
          "intel",
          "pro",
          "realtek",
          "gigabit",
          "ethernet",
          "workplace",
          "shell",
          "presentation",
          "manager",
          "netlabs",
          "bit",
          "torrent",
          "bittorrent",
          "transmission",
          "apache",
          "samba",
          "file",
          "traceback",
          "error",
          "exception",
          "caused",
          "connection",
          "reset",
          "refused",
          "broken",
          "pipe",
          "read",
          "timed",
          "out",
          "operation",
          "system",
          "systems",
          "red",
          "hat",
          "mac",
          "macos",
          "apple",
          "google",
          "chrome",
          "microsoft",
          "ibm",
          "lan",
          "wan",
          "local",
          "remote",
          "peer",
          "tracker",
          "client",
          "version",
          "build",
          "release",
          "update",
          "fix",
          "pack",
          "fixpak",
          "thank",
          "you",
          "good",
          "bad",
          "new",
          "old",
          "first",
          "last",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "since",
          "until",
          "see",
          "still",
          "then",
          "there",
          "here",
          "my",
          "your",
          "our",
          "we",
          "they",
          "he",
          "she",
          "is",
          "was",
          "are",
          "were",
          "has",
          "had",
          "does",
          "did",
          "can",
          "could",
          "would",
          "should",
          "will",
          "why",
          "what",
          "how",
          "where",
          "who");

  private PossibleNames() {}

  /** The possible names in the text, each once, in order; empty when none is seen. */
  static List<String> in(String text) {
    Set<String> found = new LinkedHashSet<>();
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Matcher run = RUN.matcher(text);
    while (run.find()) {
      List<String> words = new ArrayList<>();
      for (String w : run.group().split("[ ]")) {
        if (!TRADE.contains(w.toLowerCase(Locale.ROOT))) {
          words.add(w);
        } else if (words.size() < 2) {
          words.clear();
        } else {
          break;
        }
      }
      if (words.size() >= 2) {
        found.add(String.join(" ", words));
      }
    }
    Matcher intro = INTRODUCED.matcher(text);
    while (intro.find()) {
      String w = intro.group(1);
      if (!TRADE.contains(w.toLowerCase(Locale.ROOT))
          && found.stream().noneMatch(f -> f.contains(w))) {
        found.add(w);
      }
    }
    return List.copyOf(found);
  }
}
