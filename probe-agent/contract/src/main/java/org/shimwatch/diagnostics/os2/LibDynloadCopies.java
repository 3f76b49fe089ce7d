package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether the {@code _SOCKET.PYD} and {@code SELECT.PYD} in {@code lib-dynload} are the shim's
 * (install strategy 1 copies them over the stock ones) or EMX Python's own, told from what the
 * artefacts show:
 *
 * <ol>
 *   <li>{@code BLDLEVEL} of the module: EMX Python builds its modules with the description "Python
 *       standard module NAME" (its {@code PC/os2emx/Makefile} writes that into each module's
 *       definition file) and no vendor signature, so that description marks the stock module; any
 *       other signature or description is not EMX Python's build, so it is taken for the shim's
 *       (built with OpenWatcom, its readme says).
 *   <li>A {@code dir} of {@code lib-dynload}: a stock installation's modules come from one archive
 *       and carry the build date of that release, so modules dated like Python's other modules in
 *       the same listing are stock, and modules dated unlike all of them were copied in later.
 *   <li>Otherwise the files alone cannot tell: same names, same place.
 * </ol>
 *
 * <p>File sizes are kept by the listing but not judged: no published size of either the stock
 * modules or the shim's was found to compare with.
 */
public final class LibDynloadCopies {

  /** What the copies in {@code lib-dynload} are. */
  public enum Verdict {
    /** The shim's modules. */
    SHIM,
    /** EMX Python's own modules: the shim is not installed there. */
    STOCK,
    /** Nothing given tells them apart. */
    CANNOT_TELL
  }

  /**
   * A verdict and the evidence for it, in words a user can check.
   *
   * @param verdict what the copies are
   * @param reason why, e.g. "dated 2-29-04, unlike Python's other modules (1-12-04)"
   */
  public record Judgement(Verdict verdict, String reason) {}

  private static final String STOCK_DESCRIPTION = "python standard module";

  private LibDynloadCopies() {}

  /** Judges the {@code lib-dynload} copies from listings and build levels. */
  public static Judgement judge(List<FileListing> listings, List<BldlevelOutput> bldlevels) {
    for (BldlevelOutput b : bldlevels) {
      for (BuildLevel l : b.modules()) {
        String name = l.fileName() == null ? "" : l.fileName().toUpperCase(Locale.ROOT);
        if (!InstallStrategyAnalyzer.SHIM_MODULES.contains(name)) {
          continue;
        }
        String description = l.description() == null ? "" : l.description();
        if (description.toLowerCase(Locale.ROOT).startsWith(STOCK_DESCRIPTION)) {
          return new Judgement(
              Verdict.STOCK,
              "BLDLEVEL shows "
                  + name
                  + " as \""
                  + description
                  + "\", the description EMX Python gives its own modules");
        }
        if (l.vendor() != null || !description.isBlank() || l.version() != null) {
          return new Judgement(
              Verdict.SHIM,
              "BLDLEVEL shows "
                  + name
                  + " as "
                  + (description.isBlank() ? "" : "\"" + description + "\" ")
                  + (l.vendor() != null ? "from " + l.vendor() + " " : "")
                  + "— not EMX Python's own build");
        }
      }
    }
    for (FileListing listing : listings) {
      Judgement j = byDate(listing);
      if (j != null) {
        return j;
      }
    }
    return new Judgement(
        Verdict.CANNOT_TELL,
        "a listing of lib-dynload with only _SOCKET.PYD and SELECT.PYD cannot tell the shim's"
            + " copies from Python's own: list the whole lib-dynload directory (their dates are"
            + " compared with Python's other modules) or paste bldlevel of _SOCKET.PYD");
  }

  private static Judgement byDate(FileListing listing) {
    Map<String, List<ListedFile>> shimFilesByDir = new HashMap<>();
    for (ListedFile f : listing.files()) {
      if (InstallStrategyAnalyzer.SHIM_MODULES.contains(f.fileName())
          && f.date() != null
          && Os2Paths.isLibDynload(f.directory())) {
        shimFilesByDir.computeIfAbsent(f.directory(), d -> new ArrayList<>()).add(f);
      }
    }
    for (Map.Entry<String, List<ListedFile>> e : shimFilesByDir.entrySet()) {
      List<String> others = listing.otherModuleDates().get(e.getKey());
      if (others == null || others.isEmpty()) {
        continue;
      }
      Set<String> otherDates = new LinkedHashSet<>(others);
      Set<String> shimDates = new LinkedHashSet<>();
      for (ListedFile f : e.getValue()) {
        shimDates.add(f.date());
      }
      boolean allLikeOthers = otherDates.containsAll(shimDates);
      boolean noneLikeOthers = shimDates.stream().noneMatch(otherDates::contains);
      String names = e.getValue().stream().map(ListedFile::fileName).distinct().toList().toString();
      String theirs = String.join(", ", shimDates);
      String pythons = String.join(", ", otherDates);
      if (allLikeOthers) {
        return new Judgement(
            Verdict.STOCK,
            names
                + " in lib-dynload are dated "
                + theirs
                + ", like Python's other "
                + others.size()
                + " module(s) there: they came with Python");
      }
      if (noneLikeOthers) {
        return new Judgement(
            Verdict.SHIM,
            names
                + " in lib-dynload are dated "
                + theirs
                + ", unlike Python's other "
                + others.size()
                + " module(s) there ("
                + pythons
                + "): they were copied in later");
      }
      return new Judgement(
          Verdict.CANNOT_TELL,
          names
              + " in lib-dynload are dated "
              + theirs
              + ", some like Python's other modules ("
              + pythons
              + ") and some not: paste bldlevel of _SOCKET.PYD and SELECT.PYD");
    }
    return null;
  }
}
