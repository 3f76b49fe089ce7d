package org.shimwatch.diagnostics.os2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.shimwatch.diagnostics.Finding;
import org.shimwatch.diagnostics.Finding.Severity;
import org.shimwatch.diagnostics.os2.ModulePlacement.Evidence;
import org.shimwatch.report.Environment.InstallMode;

/**
 * Works out how the shim is installed, following the shim's readme: either its {@code _SOCKET.PYD}
 * and {@code SELECT.PYD} replace the stock ones in {@code %PYTHONHOME%\Lib\lib-dynload}, or they
 * sit in a side directory (the readme suggests {@code exp-dynload}) that must come <em>before</em>
 * {@code lib-dynload} on {@code PYTHONPATH}. Python loads the first copy it finds along its search
 * path, which is {@code PYTHONPATH} followed by its default path (which holds {@code lib-dynload});
 * a side directory after {@code lib-dynload} means the stock modules load and the shim is inactive.
 */
public final class InstallStrategyAnalyzer {

  /** The shim's two modules. */
  public static final List<String> SHIM_MODULES = List.of("_SOCKET.PYD", "SELECT.PYD");

  /** EMX Python's default path, appended after {@code PYTHONPATH}. */
  static final List<String> DEFAULT_PATH =
      List.of(
          "%PYTHONHOME%\\Lib",
          "%PYTHONHOME%\\Lib\\plat-os2emx",
          "%PYTHONHOME%\\Lib\\lib-dynload",
          "%PYTHONHOME%\\Lib\\site-packages");

  private static final String LIB_DYNLOAD = "%PYTHONHOME%\\Lib\\lib-dynload";

  private InstallStrategyAnalyzer() {}

  /**
   * Analyzes one Python installation.
   *
   * @param pythonPath {@code PYTHONPATH} in order, reduced by {@link Os2Paths#reduce}; empty when
   *     known to be unset, {@code null} when not known
   * @param locations where the shim's modules were seen
   */
  public static InstallAnalysis analyze(List<String> pythonPath, List<ModuleLocation> locations) {
    return analyze(
        pythonPath,
        locations,
        new LibDynloadCopies.Judgement(
            LibDynloadCopies.Verdict.CANNOT_TELL,
            "nothing given tells the shim's copies in lib-dynload from Python's own"));
  }

  /**
   * Analyzes one Python installation, knowing what the copies in {@code lib-dynload} are.
   *
   * @param pythonPath {@code PYTHONPATH} in order, reduced by {@link Os2Paths#reduce}; empty when
   *     known to be unset, {@code null} when not known
   * @param locations where the shim's modules were seen
   * @param copies whether the {@code _SOCKET.PYD} and {@code SELECT.PYD} in {@code lib-dynload} are
   *     the shim's or Python's own ({@link LibDynloadCopies#judge})
   */
  public static InstallAnalysis analyze(
      List<String> pythonPath, List<ModuleLocation> locations, LibDynloadCopies.Judgement copies) {
    boolean known = pythonPath != null;
    List<String> order = new ArrayList<>(known ? pythonPath : List.of());
    for (String d : DEFAULT_PATH) {
      if (indexOf(order, d) < 0) {
        order.add(d);
      }
    }
    int lib = -1;
    for (int i = 0; i < order.size() && lib < 0; i++) {
      if (Os2Paths.isLibDynload(order.get(i))) {
        lib = i;
      }
    }
    Set<Finding> findings = new LinkedHashSet<>();
    List<ModulePlacement> placements = new ArrayList<>();
    boolean anySeen = false;
    for (ModuleLocation l : locations) {
      anySeen |= l.directory() != null && SHIM_MODULES.contains(upper(l.module()));
    }
    for (String module : SHIM_MODULES) {
      ModulePlacement p =
          place(module, order, lib, known, anySeen, locations, copies.verdict(), findings);
      if (p != null) {
        placements.add(p);
      }
    }
    InstallMode mode = combine(placements, copies, findings);
    return new InstallAnalysis(mode, known, order, placements, new ArrayList<>(findings));
  }

  private static ModulePlacement place(
      String module,
      List<String> order,
      int lib,
      boolean known,
      boolean anySeen,
      List<ModuleLocation> locations,
      LibDynloadCopies.Verdict copies,
      Set<Finding> findings) {
    List<ModuleLocation> seen = new ArrayList<>();
    for (ModuleLocation l : locations) {
      if (l.module() != null && l.module().equalsIgnoreCase(module) && l.directory() != null) {
        seen.add(l);
      }
    }
    ModuleLocation loaded = null;
    for (ModuleLocation l : seen) {
      if (l.evidence() == Evidence.LOADED) {
        loaded = l;
        break;
      }
    }
    if (loaded != null) {
      if (!Os2Paths.isLibDynload(loaded.directory())) {
        return new ModulePlacement(
            module, loaded.directory(), InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD, Evidence.LOADED);
      }
      for (ModuleLocation l : seen) {
        if (l.evidence() == Evidence.LISTING && !Os2Paths.isLibDynload(l.directory())) {
          // The stock module loaded although the shim's copy exists: its directory is after
          // lib-dynload, or not on the path at all.
          if (indexOf(order, l.directory()) >= 0) {
            return new ModulePlacement(
                module, l.directory(), InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD, Evidence.LOADED);
          }
          findings.add(notOnPath(l.directory()));
          return new ModulePlacement(module, l.directory(), InstallMode.UNKNOWN, Evidence.LOADED);
        }
      }
      return new ModulePlacement(module, loaded.directory(), inLibDynload(copies), Evidence.LOADED);
    }
    if (!seen.isEmpty()) {
      String best = null;
      int bestIndex = Integer.MAX_VALUE;
      String libCopy = null;
      for (ModuleLocation l : seen) {
        if (Os2Paths.isLibDynload(l.directory())) {
          libCopy = l.directory();
          continue;
        }
        int at = indexOf(order, l.directory());
        if (best == null || (at >= 0 && at < bestIndex)) {
          best = l.directory();
          bestIndex = at >= 0 ? at : Integer.MAX_VALUE;
        }
      }
      if (best == null) {
        return new ModulePlacement(module, libCopy, inLibDynload(copies), Evidence.LISTING);
      }
      if (bestIndex == Integer.MAX_VALUE) {
        if (!known) {
          findings.add(
              new Finding(
                  Severity.INFO,
                  "pythonpath-unknown",
                  "the shim's modules are in "
                      + best
                      + ", but PYTHONPATH is not known: paste CONFIG.SYS or the batch file that"
                      + " sets PYTHONPATH to tell whether the shim is active"));
        } else {
          findings.add(notOnPath(best));
        }
        return new ModulePlacement(module, best, InstallMode.UNKNOWN, Evidence.LISTING);
      }
      return new ModulePlacement(
          module,
          best,
          bestIndex < lib
              ? InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD
              : InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD,
          Evidence.LISTING);
    }
    if (!known || anySeen) {
      // When the other module was seen somewhere, not seeing this one means it is missing; a
      // directory's name is no evidence against that.
      return null;
    }
    for (int i = 0; i < order.size(); i++) {
      String d = order.get(i);
      if (looksLikeShimDirectory(d) && indexOf(DEFAULT_PATH, d) < 0) {
        return new ModulePlacement(
            module,
            d,
            i < lib
                ? InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD
                : InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD,
            Evidence.DIRECTORY_NAME);
      }
    }
    return null;
  }

  /** Strategy 1 when the copies in lib-dynload are the shim's; none when they are Python's own. */
  private static InstallMode inLibDynload(LibDynloadCopies.Verdict copies) {
    switch (copies) {
      case SHIM:
        return InstallMode.REPLACE_LIB_DYNLOAD;
      case STOCK:
        return InstallMode.NONE;
      default:
        return InstallMode.UNKNOWN;
    }
  }

  private static InstallMode combine(
      List<ModulePlacement> placements, LibDynloadCopies.Judgement copies, Set<Finding> findings) {
    Set<InstallMode> modes = new LinkedHashSet<>();
    for (ModulePlacement p : placements) {
      if (p.mode() != InstallMode.UNKNOWN) {
        modes.add(p.mode());
      }
    }
    if (modes.size() > 1) {
      StringBuilder s = new StringBuilder("the shim's modules are installed differently:");
      for (ModulePlacement p : placements) {
        s.append(' ').append(p.module()).append(" in ").append(p.directory()).append(';');
      }
      s.setLength(s.length() - 1);
      s.append(" — both must load from the same place");
      findings.add(new Finding(Severity.WARNING, "modules-installed-differently", s.toString()));
      return InstallMode.UNKNOWN;
    }
    if (modes.isEmpty()) {
      boolean inLib = false;
      for (ModulePlacement p : placements) {
        inLib |= p.directory() != null && Os2Paths.isLibDynload(p.directory());
      }
      if (inLib) {
        findings.add(
            new Finding(
                Severity.INFO,
                "shim-cannot-tell",
                "cannot tell whether the shim is installed: " + copies.reason()));
      }
      return InstallMode.UNKNOWN;
    }
    InstallMode mode = modes.iterator().next();
    ModulePlacement first = null;
    for (ModulePlacement p : placements) {
      if (p.mode() == mode) {
        first = p;
        break;
      }
    }
    boolean listedOne = placements.size() == 1 && placements.get(0).evidence() == Evidence.LISTING;
    if (listedOne && mode != InstallMode.REPLACE_LIB_DYNLOAD && mode != InstallMode.NONE) {
      String other =
          SHIM_MODULES.get(0).equalsIgnoreCase(first.module())
              ? SHIM_MODULES.get(1)
              : SHIM_MODULES.get(0);
      findings.add(
          new Finding(
              Severity.WARNING,
              "shim-module-missing",
              other
                  + " was not seen beside "
                  + first.module()
                  + " in "
                  + first.directory()
                  + ": the shim needs both modules, or that call goes through the stock one"));
    }
    String inferred =
        first.evidence() == Evidence.DIRECTORY_NAME
            ? " (inferred from the directory's name; a listing of _SOCKET.PYD would confirm it)"
            : "";
    switch (mode) {
      case SIDE_DIR_AFTER_LIB_DYNLOAD:
        findings.add(
            new Finding(
                Severity.BLOCKER,
                "shim-inactive",
                (first.evidence() == Evidence.LOADED
                        ? "Python loaded the stock modules from lib-dynload although the shim's"
                            + " copies are in "
                            + first.directory()
                            + ", which comes after it on PYTHONPATH: the shim is inactive"
                        : "the shim's directory "
                            + first.directory()
                            + " comes after lib-dynload on PYTHONPATH: the stock modules load and"
                            + " the shim is inactive")
                    + " — put it before "
                    + LIB_DYNLOAD
                    + inferred));
        break;
      case SIDE_DIR_BEFORE_LIB_DYNLOAD:
        findings.add(
            new Finding(
                Severity.INFO,
                "shim-side-directory",
                "the shim's directory "
                    + first.directory()
                    + (first.evidence() == Evidence.LOADED
                        ? " is where Python loaded it from: the shim is active"
                        : " comes before lib-dynload on PYTHONPATH: the shim's modules load")
                    + inferred));
        break;
      case REPLACE_LIB_DYNLOAD:
        findings.add(
            new Finding(
                Severity.INFO,
                "shim-replaces-stock-modules",
                "the shim's modules are in lib-dynload, replacing the stock ones: "
                    + copies.reason()));
        break;
      case NONE:
        findings.add(
            new Finding(
                Severity.WARNING,
                "shim-not-installed",
                "the shim is not installed: Python loads its own _SOCKET.PYD and SELECT.PYD from"
                    + " lib-dynload ("
                    + copies.reason()
                    + "), so this run went through EMX's own sockets, not the shim"));
        break;
      default:
        break;
    }
    return mode;
  }

  private static Finding notOnPath(String directory) {
    return new Finding(
        Severity.BLOCKER,
        "shim-not-on-pythonpath",
        "the shim's modules are in "
            + directory
            + ", which is not on PYTHONPATH: Python loads the stock modules and the shim is"
            + " inactive — add it to PYTHONPATH before "
            + LIB_DYNLOAD);
  }

  private static String upper(String s) {
    return s == null ? "" : s.toUpperCase(Locale.ROOT);
  }

  /** Whether a directory is named like one holding the shim ({@code exp-dynload}, a "shim"). */
  static boolean looksLikeShimDirectory(String dir) {
    String last = Os2Paths.lastComponent(dir).toLowerCase(Locale.ROOT);
    return !last.equals("lib-dynload")
        && (last.contains("dynload") || last.contains("shim") || last.contains("sock"));
  }

  private static int indexOf(List<String> order, String dir) {
    for (int i = 0; i < order.size(); i++) {
      if (Os2Paths.sameDirectory(order.get(i), dir)) {
        return i;
      }
    }
    return -1;
  }
}
