package org.shimwatch.web.badge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shimwatch.web.BadQueryException;
import org.shimwatch.web.cache.PublicCache;
import org.shimwatch.web.matrix.MatrixCell;
import org.shimwatch.web.matrix.MatrixColumns;
import org.shimwatch.web.matrix.MatrixQuery;
import org.shimwatch.web.matrix.MatrixRequest;
import org.shimwatch.web.matrix.MatrixRow;
import org.shimwatch.web.matrix.MatrixView;
import org.shimwatch.web.matrix.Tier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * SVG badges a project can put in its README, from the public matrix (the same rule hides cells
 * with few installations). A badge says the tier that most of the matching reports support: each
 * matching cell with enough installations adds its reports to its tier, and the tier with the most
 * reports wins (a tie goes to the worse tier, so a badge never flatters). With no such cell it says
 * {@code not enough data}.
 */
@Controller
class BadgeController {

  static final MediaType SVG =
      new MediaType("image", "svg+xml", java.nio.charset.StandardCharsets.UTF_8);

  /** Badges change only as reports arrive; five minutes of caching spare the server. */
  static final CacheControl CACHE = CacheControl.maxAge(java.time.Duration.ofSeconds(300));

  /** What a badge answer is, for its ETag. */
  private static final String BADGE = "badge";

  /** Longest label and fix accepted: more would not fit in a README anyway. */
  static final int MAX_TEXT = 100;

  /** Most {@code fix} parameters in one badge. */
  static final int MAX_FIXES = 8;

  private final MatrixQuery matrix;
  private final PublicCache cache;

  BadgeController(MatrixQuery matrix, PublicCache cache) {
    this.matrix = matrix;
    this.cache = cache;
  }

  /** The project's overall badge: {@code <project> | <tier>}. */
  @GetMapping("/badge/{project}.svg")
  @ResponseBody
  ResponseEntity<String> overall(
      @PathVariable String project,
      @RequestParam(required = false) String label,
      ServletWebRequest web) {
    PublicCache.Check check = cache.project(web, project, PublicCache.Kind.BADGE, BADGE, false);
    if (check.answered()) {
      return null;
    }
    String left = text("label", label);
    Optional<MatrixView> view = matrix.matrix(project, MatrixRequest.publicDefault());
    if (view.isEmpty()) {
      return unknownProject();
    }
    Tier tier = verdict(view.get().cells());
    return svg(check, left == null ? view.get().project() : left, tier);
  }

  /**
   * A badge for one setup, e.g. {@code works on os2-tcpip 4.3 + UN02200 | works}. Every filter is
   * optional; {@code fix} may repeat, and a row's fix level (its CSD level, NEWSTACK) must have
   * every fix named.
   */
  @GetMapping("/badge/{project}/works-on.svg")
  @ResponseBody
  ResponseEntity<String> worksOn(
      @PathVariable String project,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String stack,
      @RequestParam(required = false) List<String> fix,
      @RequestParam(required = false) String client,
      @RequestParam(required = false) String clientVersion,
      @RequestParam(required = false) String shim,
      @RequestParam(required = false) String label,
      ServletWebRequest web) {
    PublicCache.Check check = cache.project(web, project, PublicCache.Kind.BADGE, BADGE, false);
    if (check.answered()) {
      return null;
    }
    String left = text("label", label);
    List<String> fixes = new ArrayList<>();
    if (fix != null) {
      for (String f : fix) {
        String v = text("fix", f);
        if (v != null) {
          fixes.add(v);
        }
      }
    }
    if (fixes.size() > MAX_FIXES) {
      throw new BadQueryException("invalid-filter", "fix", "at most " + MAX_FIXES + " fixes");
    }
    Optional<MatrixView> found =
        matrix.matrix(
            project,
            new MatrixRequest(
                MatrixColumns.CLIENT, platform, stack, client, clientVersion, shim, false));
    if (found.isEmpty()) {
      return unknownProject();
    }
    MatrixView view = found.get();
    Set<Integer> rows = new HashSet<>();
    Set<String> stacks = new HashSet<>();
    for (int i = 0; i < view.rows().size(); i++) {
      MatrixRow r = view.rows().get(i);
      if (hasFixes(r, fixes)) {
        rows.add(i);
        stacks.add(r.stack());
      }
    }
    List<MatrixCell> cells = view.cells().stream().filter(c -> rows.contains(c.row())).toList();
    if (left == null) {
      String stackText = stack == null || stack.isBlank() ? null : stack.strip();
      if (stackText != null && stacks.size() == 1) {
        stackText = stacks.iterator().next();
      }
      left = subject(view.project(), platform, stackText, fixes, client, clientVersion, shim);
    }
    return svg(check, left, verdict(cells));
  }

  /** What a setup badge says it is about: {@code works on <platform> <stack> + <fix> ...}. */
  static String subject(
      String project,
      String platform,
      String stack,
      List<String> fixes,
      String client,
      String clientVersion,
      String shim) {
    StringBuilder s = new StringBuilder();
    append(s, " ", platform);
    append(s, " ", stack);
    for (String f : fixes) {
      append(s, " + ", f);
    }
    if (client != null && !client.isBlank()) {
      String c = client.strip();
      if (clientVersion != null && !clientVersion.isBlank()) {
        c += " " + clientVersion.strip();
      }
      append(s, s.length() == 0 ? "" : " with ", c);
    }
    if (shim != null && !shim.isBlank()) {
      append(s, ", ", "shim " + shim.strip());
    }
    String text = s.length() == 0 ? project : "works on " + s;
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "\u2026" : text;
  }

  private static void append(StringBuilder s, String separator, String part) {
    if (part == null || part.isBlank()) {
      return;
    }
    if (s.length() > 0) {
      s.append(separator);
    }
    s.append(part.strip());
  }

  /**
   * Whether a row has every fix named: a fix matches an entry {@code kind:id[=version]} by its id,
   * its {@code kind:id}, or the whole entry, ignoring case.
   */
  static boolean hasFixes(MatrixRow row, List<String> fixes) {
    for (String wanted : fixes) {
      boolean found = false;
      for (String entry : row.fixes()) {
        String kindId = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : entry;
        String id = kindId.contains(":") ? kindId.substring(kindId.indexOf(':') + 1) : kindId;
        if (wanted.equalsIgnoreCase(entry)
            || wanted.equalsIgnoreCase(kindId)
            || wanted.equalsIgnoreCase(id)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** The tier most reports of these cells support; cells without public counts do not vote. */
  static Tier verdict(List<MatrixCell> cells) {
    Map<Tier, Long> votes = new HashMap<>();
    for (MatrixCell c : cells) {
      if (c.reports() == null || c.tier() == Tier.NOT_ENOUGH_DATA) {
        continue;
      }
      votes.merge(c.tier(), c.reports(), Long::sum);
    }
    Tier best = Tier.NOT_ENOUGH_DATA;
    long most = 0;
    // Worst first, so a tie keeps the worse tier.
    for (Tier t : List.of(Tier.BROKEN, Tier.MOSTLY_WORKS, Tier.WORKS)) {
      long n = votes.getOrDefault(t, 0L);
      if (n > most) {
        most = n;
        best = t;
      }
    }
    return best;
  }

  @ExceptionHandler(BadQueryException.class)
  @ResponseBody
  ResponseEntity<String> badQuery(BadQueryException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(SVG)
        .cacheControl(CacheControl.noStore())
        .body(BadgeSvg.render("shimwatch", "bad request: " + e.getMessage(), BadgeSvg.ERROR));
  }

  private static ResponseEntity<String> unknownProject() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(SVG)
        .cacheControl(CACHE)
        .body(BadgeSvg.render("shimwatch", "unknown project", BadgeSvg.ERROR));
  }

  private static ResponseEntity<String> svg(PublicCache.Check check, String label, Tier tier) {
    return check
        .on(ResponseEntity.ok())
        .contentType(SVG)
        .body(BadgeSvg.render(label, tier.label(), BadgeSvg.colour(tier)));
  }

  /** A free-text parameter: trimmed, bounded, without control characters; null when blank. */
  static String text(String parameter, String value) {
    return BadQueryException.text(parameter, value, MAX_TEXT);
  }
}
