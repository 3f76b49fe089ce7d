package org.shimwatch.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.Finding.Severity;
import org.shimwatch.diagnostics.jvm.HsErrLog;
import org.shimwatch.diagnostics.os2.BldlevelOutput;
import org.shimwatch.diagnostics.os2.BuildLevel;
import org.shimwatch.diagnostics.os2.ComponentVersion;
import org.shimwatch.diagnostics.os2.ConfigSys;
import org.shimwatch.diagnostics.os2.ExceptqReport;
import org.shimwatch.diagnostics.os2.FileListing;
import org.shimwatch.diagnostics.os2.InetverOutput;
import org.shimwatch.diagnostics.os2.InstallAnalysis;
import org.shimwatch.diagnostics.os2.InstallStrategyAnalyzer;
import org.shimwatch.diagnostics.os2.LibDynloadCopies;
import org.shimwatch.diagnostics.os2.ListedFile;
import org.shimwatch.diagnostics.os2.LoadedModule;
import org.shimwatch.diagnostics.os2.ModuleLocation;
import org.shimwatch.diagnostics.os2.ModulePlacement.Evidence;
import org.shimwatch.diagnostics.os2.Os2Paths;
import org.shimwatch.diagnostics.os2.PopupLog;
import org.shimwatch.diagnostics.os2.PythonBanner;
import org.shimwatch.diagnostics.os2.StackLevels;
import org.shimwatch.diagnostics.os2.SyslevelEntry;
import org.shimwatch.diagnostics.os2.SyslevelFile;
import org.shimwatch.diagnostics.os2.SyslevelListing;
import org.shimwatch.diagnostics.os2.SyslevelProduct;
import org.shimwatch.diagnostics.os2.TrapScreen;
import org.shimwatch.diagnostics.os2.VerOutput;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Trap;

/**
 * Folds several parsed artefacts (say {@code syslevel} output, CONFIG.SYS and a POPUPLOG.OS2 entry
 * a user pasted) into one best-effort {@link Environment}, the traps they hold and plain-language
 * findings, above all whether the shim can work at all: it needs TCP/IP 4.21 or later, with
 * TCPIP32.DLL, and its directory before {@code lib-dynload} on {@code PYTHONPATH}.
 *
 * <p>When artefacts disagree, the more direct source wins: SYSLEVEL files over {@code ver}, {@code
 * ver} over EXCEPTQ's kernel version; for {@code PYTHONPATH}, the last artefact setting it (a batch
 * file pasted after CONFIG.SYS overrides it, as it does when the client starts).
 */
public final class DiagnosticsFold {

  /** The stack's 32-bit sockets library, the shim's hard prerequisite. */
  public static final String TCPIP32 = "TCPIP32.DLL";

  private static final Set<String> STACK_FILES =
      Set.of(
          "TCPIP32.DLL",
          "SOCKETS.SYS",
          "AFOS2.SYS",
          "AFINET.SYS",
          "SO32DLL.DLL",
          "TCP32DLL.DLL",
          "INET.SYS",
          "IFNDIS.SYS");

  private static final Pattern CSD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

  private static final Pattern PYTHON_DLL =
      Pattern.compile("PYTHON(\\d)(\\d)\\.DLL", Pattern.CASE_INSENSITIVE);

  private static final Pattern PYTHON_VERSION = Pattern.compile("\\d\\.\\d{1,2}(?:\\.\\d{1,2})?");

  private static final Pattern PYTHON_IN_TEXT =
      Pattern.compile("\\bPython\\s+(\\d\\.\\d{1,2}(?:\\.\\d{1,2})?)\\b");

  private DiagnosticsFold() {}

  /**
   * Folds artefacts, in the order given (the order a user pasted or named them; later ones are
   * taken as more recent).
   */
  public static FoldedDiagnostics fold(List<? extends Artefact> artefacts) {
    Inputs in = new Inputs(artefacts);
    List<Finding> findings = new ArrayList<>();
    List<Trap> traps = new ArrayList<>();
    for (Artefact a : artefacts) {
      traps.addAll(a.traps());
    }
    // Logs append, so the artefacts' traps come oldest first, as the cap's rule wants them.
    List<Trap> kept = Trap.newest(traps);
    if (kept.size() < traps.size()) {
      findings.add(
          new Finding(
              Severity.WARNING,
              "traps-left-out",
              (traps.size() - kept.size())
                  + " older trap(s) were left out: a report carries the "
                  + Trap.MAX_PER_REPORT
                  + " most recent"));
      traps = new ArrayList<>(kept);
    }
    Environment environment = null;
    InstallAnalysis install = null;
    if (in.hasOs2()) {
      InstallAnalysis analysis = installAnalysis(in);
      environment = os2Environment(in, analysis, findings, traps);
      install = analysis.hasEvidence() ? analysis : null;
    } else if (!in.hsErr.isEmpty()) {
      environment = jvmEnvironment(in.hsErr.get(in.hsErr.size() - 1));
    }
    List<Conflict> conflicts = conflicts(artefacts);
    for (Conflict c : conflicts) {
      findings.add(
          new Finding(
              Severity.WARNING,
              "artefacts-disagree",
              "the artefacts disagree on the "
                  + c.describe()
                  + ": choose the one that describes the system the report is about"));
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return new FoldedDiagnostics(environment, install, traps, findings, conflicts);
  }

  private static Environment os2Environment(
      Inputs in, InstallAnalysis install, List<Finding> findings, List<Trap> traps) {
    Environment.Os os = os2(in, findings);

    SyslevelEntry tcp = last(in.entries, SyslevelProduct.TCPIP);
    SyslevelEntry mpts = last(in.entries, SyslevelProduct.MPTS);
    String level =
        tcp != null && StackLevels.product(tcp.currentCsd()).equals("UN")
            ? tcp.currentCsd().toUpperCase(Locale.ROOT)
            : null;
    String stackVersion = tcp != null ? StackLevels.stackVersion(tcp.version()) : null;
    String versionSource = "SYSLEVEL.TCP";
    if (stackVersion == null && level != null) {
      stackVersion = StackLevels.tcpipVersionOf(level);
      versionSource = "CSD level " + level;
    }
    if (stackVersion == null) {
      for (InetverOutput i : in.inetver) {
        if (i.inetVersion() != null) {
          stackVersion = StackLevels.stackVersion(i.inetVersion());
          versionSource = "inetver";
        }
      }
    }
    String mptsLevel =
        mpts != null && StackLevels.product(mpts.currentCsd()).equals("WR")
            ? mpts.currentCsd().toUpperCase(Locale.ROOT)
            : null;
    Boolean mpts32 = StackLevels.mptsHas32BitStack(mptsLevel);
    if (stackVersion == null && Boolean.FALSE.equals(mpts32)) {
      stackVersion = StackLevels.V4_0;
      versionSource = "MPTS level " + mptsLevel;
    }

    Map<String, Environment.Component> components = components(in, traps);
    boolean sixteenBit =
        (stackVersion != null && StackLevels.compare(stackVersion, StackLevels.V4_1) < 0)
            || Boolean.FALSE.equals(mpts32);
    Environment.Component tcpip32 = components.get(TCPIP32);
    if (tcpip32 == null && sixteenBit) {
      components.put(TCPIP32, new Environment.Component(TCPIP32, null, false));
      findings.add(
          new Finding(
              Severity.BLOCKER,
              "tcpip32-missing",
              "TCPIP32.DLL not found: the shim will not work — it needs TCP/IP 4.21 or later ("
                  + (stackVersion != null
                      ? "this is TCP/IP " + stackVersion + ", from " + versionSource
                      : "MPTS " + mptsLevel + " carries the 16-bit stack")
                  + ", which has no TCPIP32.DLL)"));
    }
    if (stackVersion != null) {
      if (StackLevels.compare(stackVersion, StackLevels.MINIMUM_FOR_SHIM) < 0) {
        findings.add(
            new Finding(
                Severity.BLOCKER,
                "stack-too-old",
                "TCP/IP "
                    + stackVersion
                    + " (from "
                    + versionSource
                    + ") is older than 4.21: the shim will not work — it needs TCP/IP 4.21 or"
                    + " later"));
      } else {
        findings.add(
            new Finding(
                Severity.INFO,
                "stack-ok",
                "TCP/IP "
                    + stackVersion
                    + (level != null ? " (" + level + ")" : "")
                    + " meets the shim's prerequisite of TCP/IP 4.21 or later"
                    + (tcpip32 != null && Boolean.TRUE.equals(tcpip32.present())
                        ? ", and TCPIP32.DLL is present"
                        : "")));
      }
    } else if (tcpip32 == null || tcpip32.present() == null) {
      findings.add(
          new Finding(
              Severity.INFO,
              "prerequisites-unknown",
              "the TCP/IP version is not known: paste the output of syslevel (it lists"
                  + " SYSLEVEL.TCP) to check the shim's prerequisite of TCP/IP 4.21 or later"));
    }
    int minimumMpts = StackLevels.minimumMptsFor(level);
    int mptsNumber = StackLevels.number(mptsLevel);
    if (minimumMpts > 0 && mptsNumber >= 0 && mptsNumber < minimumMpts) {
      findings.add(
          new Finding(
              Severity.WARNING,
              "mpts-below-table",
              "TCP/IP "
                  + level
                  + " is published for MPTS WR*"
                  + minimumMpts
                  + " or later; this system has "
                  + mptsLevel));
    }
    Environment.Stack stack = null;
    if (stackVersion != null || level != null || !components.isEmpty()) {
      stack =
          new Environment.Stack(
              "os2-tcpip",
              stackVersion,
              level,
              components.isEmpty() ? null : new ArrayList<>(components.values()));
    }

    configFindings(in, findings);
    int stackTraps = 0;
    for (Trap t : traps) {
      if (isTcpip32(t.module())) {
        stackTraps++;
      }
    }
    if (stackTraps > 0) {
      findings.add(
          new Finding(
              Severity.INFO,
              "traps-in-stack",
              stackTraps
                  + " trap(s) in TCPIP32.DLL: the stack itself trapped, the problem the shim's"
                  + " readme names as not yet solved"));
    }
    Environment.Shim shim = null;
    String shimVersion = shimVersion(in);
    if (install != null && install.hasEvidence()) {
      shim =
          new Environment.Shim(
              install.mode() == Environment.InstallMode.NONE ? null : shimVersion, install.mode());
      findings.addAll(install.findings());
    } else if (shimVersion != null) {
      shim = new Environment.Shim(shimVersion, Environment.InstallMode.UNKNOWN);
    }
    List<Environment.Fix> fixes = fixes(in);
    return new Environment(os, stack, fixes.isEmpty() ? null : fixes, runtime(in), null, shim);
  }

  private static Environment.Os os2(Inputs in, List<Finding> findings) {
    String name = null;
    String version = null;
    String revision = null;
    for (SyslevelEntry e : in.entries) {
      if (e.product() == SyslevelProduct.ECOMSTATION) {
        name = "eComStation";
        version = StackLevels.stackVersion(e.version());
      } else if (e.product() == SyslevelProduct.ARCAOS) {
        name = "ArcaOS";
        version = TrapFields.version(e.version());
      }
    }
    SyslevelEntry base = last(in.entries, SyslevelProduct.OS2_BASE);
    String baseVersion = base != null ? TrapFields.version(base.version()) : null;
    if (name == null && base != null) {
      version = baseVersion;
      name = os2Name(base.title(), version);
      Release release = release(base.currentCsd());
      if (release != null) {
        name = release.name();
        version = release.version();
      }
    }
    if (name == null) {
      SyslevelEntry fixpak = last(in.entries, SyslevelProduct.OS2_FIXPAK);
      if (fixpak != null) {
        name = os2Name(fixpak.title(), null);
      }
    }
    VerOutput ver = in.ver.isEmpty() ? null : in.ver.get(in.ver.size() - 1);
    if (ver != null) {
      if (baseVersion != null && !baseVersion.equals(ver.version())) {
        findings.add(
            new Finding(
                Severity.INFO,
                "os-version-disagrees",
                "ver says OS/2 " + ver.version() + " but SYSLEVEL.OS2 says " + baseVersion));
      } else if (version == null && !"eComStation".equals(name)) {
        // eComStation's ver says 4.50 like Warp 4.5x: that is not eComStation's own version.
        version = ver.version();
        if (name == null || name.equals("OS/2")) {
          name = os2Name(null, version);
        }
      }
      revision = ver.revision();
    }
    if (version == null) {
      for (ExceptqReport x : in.exceptq) {
        // EXCEPTQ prints the kernel's major/10 and minor: 2.30 is Warp 3 and 2.40 Warp 4; 2.45
        // covers Warp 4.5x, eComStation and ArcaOS alike, so it names no product.
        if ("2.30".equals(x.osVersion())) {
          version = "3.00";
        } else if ("2.40".equals(x.osVersion())) {
          version = "4.00";
        }
        if (version != null && name == null) {
          name = os2Name(null, version);
        }
      }
    }
    if (revision == null) {
      for (TrapScreen t : in.trapScreens) {
        if (t.trap().revision() != null) {
          revision = t.trap().revision();
        }
      }
    }
    return new Environment.Os("os2", name, version, revision, null);
  }

  /** A release named by the base system's current CSD level. */
  private record Release(String name, String version) {}

  /**
   * The releases whose {@code SYSLEVEL.OS2} carries a CSD level of their own. Warp 4.5x all show
   * version 4.50 in the file and in {@code ver}; only the level tells 4.51 from 4.52, and an
   * eComStation whose SYSLEVEL.ECS was not pasted from Warp. The levels are the ones real files
   * hold (see the corpus README: VICE's OS/2 port matches them in SYSLEVEL.OS2).
   */
  private static Release release(String csd) {
    if (csd == null) {
      return null;
    }
    switch (csd.toUpperCase(Locale.ROOT)) {
      case "XR04501":
        return new Release("OS/2 Warp 4", "4.51");
      case "XR04502":
        return new Release("OS/2 Warp 4", "4.52");
      case "XR04503":
        return new Release("OS/2 Warp Server for e-business", "4.52");
      case "XR0C004":
        return new Release("eComStation", null);
      default:
        return null;
    }
  }

  private static String os2Name(String title, String version) {
    String t = title == null ? "" : title.toLowerCase(Locale.ROOT);
    if (t.contains("warp server for e-business")) {
      return "OS/2 Warp Server for e-business";
    }
    if (t.contains("warp 4") || (version != null && version.startsWith("4."))) {
      return "OS/2 Warp 4";
    }
    if (t.contains("warp 3")
        || t.contains("warp version 3")
        || (version != null && version.startsWith("3."))) {
      return "OS/2 Warp 3";
    }
    return "OS/2";
  }

  private static Map<String, Environment.Component> components(Inputs in, List<Trap> traps) {
    Map<String, String> versions = new LinkedHashMap<>();
    Set<String> present = new LinkedHashSet<>();
    for (ConfigSys c : in.config) {
      for (String d : c.drivers()) {
        String u = d.toUpperCase(Locale.ROOT);
        if (STACK_FILES.contains(u)) {
          present.add(u);
        }
      }
    }
    for (InetverOutput i : in.inetver) {
      for (ComponentVersion c : i.components()) {
        String u = c.name().toUpperCase(Locale.ROOT);
        if (STACK_FILES.contains(u)) {
          present.add(u);
          versions.putIfAbsent(u, c.version());
        }
      }
    }
    for (BldlevelOutput b : in.bldlevel) {
      for (BuildLevel l : b.modules()) {
        String u = l.fileName() == null ? "" : l.fileName().toUpperCase(Locale.ROOT);
        if (STACK_FILES.contains(u)) {
          present.add(u);
          if (TrapFields.version(l.version()) != null) {
            versions.put(u, l.version());
          }
        }
      }
    }
    for (FileListing l : in.listings) {
      for (ListedFile f : l.files()) {
        if (STACK_FILES.contains(f.fileName())) {
          present.add(f.fileName());
        }
      }
    }
    for (ExceptqReport x : in.exceptq) {
      for (LoadedModule m : x.loadedModules()) {
        String u = m.fileName().toUpperCase(Locale.ROOT);
        if (STACK_FILES.contains(u)) {
          present.add(u);
        }
      }
    }
    for (Trap t : traps) {
      // A trap in TCPIP32.DLL or a frame in it proves the library exists and was loaded.
      if (isTcpip32(t.module())) {
        present.add(TCPIP32);
      }
      if (t.frames() != null) {
        for (Trap.Frame f : t.frames()) {
          if (isTcpip32(f.module())) {
            present.add(TCPIP32);
          }
        }
      }
    }
    Map<String, Environment.Component> out = new LinkedHashMap<>();
    List<String> ordered = new ArrayList<>(present);
    ordered.sort(Comparator.comparing((String n) -> !n.equals(TCPIP32)));
    for (String name : ordered) {
      if (out.size() < 64) {
        out.put(name, new Environment.Component(name, versions.get(name), true));
      }
    }
    return out;
  }

  private static boolean isTcpip32(String module) {
    return module != null
        && (module.equalsIgnoreCase(TCPIP32) || module.equalsIgnoreCase("TCPIP32"));
  }

  private static List<Environment.Fix> fixes(Inputs in) {
    Map<String, Environment.Fix> fixes = new LinkedHashMap<>();
    for (SyslevelEntry e : in.entries) {
      String csd = e.currentCsd();
      if (csd == null || !CSD_ID.matcher(csd).matches()) {
        // A level with characters no CSD level has is a damaged paste, not a fix to report.
        continue;
      }
      boolean fixpak =
          e.product() == SyslevelProduct.OS2_FIXPAK
              || (e.type() != null && e.type().toLowerCase(Locale.ROOT).contains("fixpak"));
      String kind = fixpak ? "fixpak" : "csd";
      fixes.putIfAbsent(kind + " " + csd, new Environment.Fix(kind, csd, null));
    }
    for (BldlevelOutput b : in.bldlevel) {
      for (BuildLevel l : b.modules()) {
        if (mentionsNewstack(l.description())) {
          fixes.putIfAbsent(
              "newstack " + l.version(),
              new Environment.Fix("newstack", "NEWSTACK", TrapFields.version(l.version())));
        }
      }
    }
    for (InetverOutput i : in.inetver) {
      if (mentionsNewstack(i.rawText())) {
        fixes.putIfAbsent("newstack null", new Environment.Fix("newstack", "NEWSTACK", null));
      }
    }
    List<Environment.Fix> out = new ArrayList<>(fixes.values());
    return out.size() > 256 ? out.subList(0, 256) : out;
  }

  private static boolean mentionsNewstack(String text) {
    return text != null && text.toLowerCase(Locale.ROOT).contains("newstack");
  }

  private static Environment.Runtime runtime(Inputs in) {
    if (!in.banners.isEmpty()) {
      // The interpreter's own words; the last banner given when several disagree (a conflict).
      PythonBanner b = in.banners.get(in.banners.size() - 1);
      return new Environment.Runtime(b.runtimeName(), b.version());
    }
    for (BldlevelOutput b : in.bldlevel) {
      for (BuildLevel l : b.modules()) {
        String v = pythonDllVersion(l);
        if (v != null) {
          return new Environment.Runtime("EMX Python", v);
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (FileListing l : in.listings) {
      l.files().forEach(f -> names.add(f.fileName()));
    }
    for (ExceptqReport x : in.exceptq) {
      x.loadedModules().forEach(m -> names.add(m.fileName()));
    }
    for (String n : names) {
      Matcher m = PYTHON_DLL.matcher(n);
      if (m.matches()) {
        return new Environment.Runtime("EMX Python", m.group(1) + "." + m.group(2));
      }
    }
    for (ConfigSys c : in.config) {
      if (c.pythonPath() != null
          && c.pythonPath().stream()
              .anyMatch(d -> Os2Paths.lastComponent(d).equalsIgnoreCase("plat-os2emx"))) {
        return new Environment.Runtime("EMX Python", null);
      }
    }
    return null;
  }

  /**
   * The Python version a {@code BLDLEVEL} of the Python DLL gives: its revision when it reads as a
   * Python version, else "Python X.Y[.Z]" in its description (EMX Python describes its DLL as
   * "Python 2.3 Core DLL"), else the version in the DLL's name ({@code PYTHON23.DLL} is 2.3);
   * {@code null} for any other module.
   */
  static String pythonDllVersion(BuildLevel l) {
    Matcher name = l.fileName() == null ? null : PYTHON_DLL.matcher(l.fileName());
    boolean described = l.description() != null && PYTHON_IN_TEXT.matcher(l.description()).find();
    if ((name == null || !name.matches()) && !described) {
      return null;
    }
    String fromName = name != null && name.matches() ? name.group(1) + "." + name.group(2) : null;
    if (l.version() != null && PYTHON_VERSION.matcher(l.version()).matches()) {
      if (fromName == null || l.version().startsWith(fromName)) {
        return l.version();
      }
    }
    if (described) {
      Matcher d = PYTHON_IN_TEXT.matcher(l.description());
      d.find();
      if (fromName == null || d.group(1).startsWith(fromName)) {
        return d.group(1);
      }
    }
    return fromName;
  }

  /** The shim's version, from {@code BLDLEVEL} of its modules when they are not Python's own. */
  private static String shimVersion(Inputs in) {
    for (BldlevelOutput b : in.bldlevel) {
      for (BuildLevel l : b.modules()) {
        String name = l.fileName() == null ? "" : l.fileName().toUpperCase(Locale.ROOT);
        if (InstallStrategyAnalyzer.SHIM_MODULES.contains(name)
            && l.version() != null
            && (l.description() == null
                || !l.description().toLowerCase(Locale.ROOT).startsWith("python standard module"))
            && TrapFields.version(l.version()) != null) {
          return TrapFields.version(l.version());
        }
      }
    }
    return null;
  }

  /** Facts the artefacts disagree about, each with the values and where they were read. */
  private static List<Conflict> conflicts(List<? extends Artefact> artefacts) {
    Map<String, List<Conflict.Choice>> levels = new LinkedHashMap<>();
    // ver and SYSLEVEL.OS2 name versions differently (ver says 4.50 on Warp 4.52): only two of the
    // same kind that differ are a disagreement.
    Map<String, List<Conflict.Choice>> os = new LinkedHashMap<>();
    Map<String, List<Conflict.Choice>> osVer = new LinkedHashMap<>();
    Map<String, List<Conflict.Choice>> python = new LinkedHashMap<>();
    Map<ArtefactKind, Integer> seen = new java.util.EnumMap<>(ArtefactKind.class);
    for (Artefact a : artefacts) {
      int n = seen.merge(a.kind(), 1, Integer::sum);
      String source = a.kind().title() + (n > 1 ? " " + n : "");
      List<SyslevelEntry> entries = new ArrayList<>();
      if (a instanceof SyslevelFile f) {
        entries.add(f.entry());
      } else if (a instanceof SyslevelListing l) {
        entries.addAll(l.entries());
      }
      for (SyslevelEntry e : entries) {
        if (e.product() == SyslevelProduct.TCPIP
            && e.currentCsd() != null
            && StackLevels.product(e.currentCsd()).equals("UN")) {
          choice(levels, e.currentCsd().toUpperCase(Locale.ROOT), source);
        }
        if (e.product() == SyslevelProduct.OS2_BASE && TrapFields.version(e.version()) != null) {
          choice(os, TrapFields.version(e.version()), source);
        }
      }
      if (a instanceof VerOutput v && v.version() != null) {
        choice(osVer, v.version(), source);
      }
      if (a instanceof PythonBanner b) {
        choice(python, b.version(), source);
      }
      if (a instanceof BldlevelOutput b) {
        for (BuildLevel l : b.modules()) {
          String v = pythonDllVersion(l);
          if (v != null) {
            choice(python, v, source);
          }
        }
      }
    }
    List<Conflict> out = new ArrayList<>();
    addIfSeveral(out, Conflict.STACK_LEVEL, "TCP/IP service level", levels);
    addIfSeveral(out, Conflict.OS_VERSION, "OS/2 version", osVer.size() > 1 ? osVer : os);
    // A DLL that says 2.3 and a banner that says 2.3.3 agree.
    List<String> versions = new ArrayList<>(python.keySet());
    for (String v : versions) {
      for (String w : versions) {
        if (!v.equals(w) && w.startsWith(v + ".") && python.containsKey(v)) {
          python.get(w).addAll(python.remove(v));
        }
      }
    }
    addIfSeveral(out, Conflict.RUNTIME_VERSION, "Python version", python);
    return out;
  }

  private static void choice(Map<String, List<Conflict.Choice>> m, String value, String source) {
    List<Conflict.Choice> l = m.computeIfAbsent(value, k -> new ArrayList<>());
    if (l.stream().noneMatch(c -> c.source().equals(source))) {
      l.add(new Conflict.Choice(value, source));
    }
  }

  private static void addIfSeveral(
      List<Conflict> out, String field, String title, Map<String, List<Conflict.Choice>> values) {
    if (values.size() < 2) {
      return;
    }
    List<Conflict.Choice> choices = new ArrayList<>();
    for (Map.Entry<String, List<Conflict.Choice>> e : values.entrySet()) {
      choices.add(
          new Conflict.Choice(
              e.getKey(),
              String.join(
                  ", ", e.getValue().stream().map(Conflict.Choice::source).distinct().toList())));
    }
    out.add(new Conflict(field, title, choices));
  }

  private static void configFindings(Inputs in, List<Finding> findings) {
    if (in.config.isEmpty()) {
      return;
    }
    boolean suppress = false;
    boolean socketsLine = false;
    boolean uisOff = false;
    boolean isConfig = false;
    for (ConfigSys c : in.config) {
      suppress |= c.suppressPopups() != null;
      socketsLine |= c.socketsSysOptions() != null;
      uisOff |= c.uniqueIdProcessingOff();
      isConfig |= !c.drivers().isEmpty() || c.libpath() != null;
    }
    if (uisOff) {
      findings.add(
          new Finding(
              Severity.INFO,
              "sockets-uis-off",
              "SOCKETS.SYS runs with /uis:0: select()'s unique id processing is off"));
    }
    if (isConfig && !suppress) {
      findings.add(
          new Finding(
              Severity.INFO,
              "popups-not-logged",
              "SUPPRESSPOPUPS is not among the CONFIG.SYS lines given: without it a trapping"
                  + " program shows a pop-up and nothing is written to POPUPLOG.OS2 — add"
                  + " SUPPRESSPOPUPS=C to keep a record of traps"));
    }
    if (isConfig && !socketsLine) {
      findings.add(
          new Finding(
              Severity.INFO,
              "no-sockets-sys",
              "the CONFIG.SYS lines given load no SOCKETS.SYS: TCP/IP may not be installed, or"
                  + " only part of CONFIG.SYS was given"));
    }
  }

  private static InstallAnalysis installAnalysis(Inputs in) {
    List<String> pythonPath = null;
    for (ConfigSys c : in.config) {
      if (c.pythonPath() != null) {
        pythonPath = c.pythonPath();
      } else if (pythonPath == null && (!c.drivers().isEmpty() || c.libpath() != null)) {
        // A CONFIG.SYS without SET PYTHONPATH: known to be unset, unless a later file sets it.
        pythonPath = List.of();
      }
    }
    List<ModuleLocation> locations = new ArrayList<>();
    for (ExceptqReport x : in.exceptq) {
      for (LoadedModule m : x.loadedModules()) {
        if (m.directory() != null) {
          locations.add(new ModuleLocation(m.fileName(), m.directory(), Evidence.LOADED));
        }
      }
    }
    for (FileListing l : in.listings) {
      for (ListedFile f : l.files()) {
        if (f.fileName().endsWith(".PYD")) {
          locations.add(new ModuleLocation(f.fileName(), f.directory(), Evidence.LISTING));
        }
      }
    }
    return InstallStrategyAnalyzer.analyze(
        pythonPath, locations, LibDynloadCopies.judge(in.listings, in.bldlevel));
  }

  private static Environment jvmEnvironment(HsErrLog h) {
    String family = h.osFamily() != null ? h.osFamily() : "other";
    Environment.Os os =
        new Environment.Os(family, h.osName(), null, h.kernelRelease(), h.machine());
    Environment.Stack stack =
        family.equals("linux") && h.kernelRelease() != null
            ? new Environment.Stack("linux", h.kernelRelease(), null, null)
            : null;
    Environment.Runtime runtime =
        h.runtimeName() != null
            ? new Environment.Runtime(h.runtimeName(), h.runtimeVersion())
            : null;
    return new Environment(os, stack, null, runtime, null, null);
  }

  private static SyslevelEntry last(List<SyslevelEntry> entries, SyslevelProduct product) {
    SyslevelEntry found = null;
    for (SyslevelEntry e : entries) {
      if (e.product() == product) {
        found = e;
      }
    }
    return found;
  }

  /** The artefacts sorted by kind. */
  private static final class Inputs {
    final List<SyslevelEntry> entries = new ArrayList<>();
    final List<VerOutput> ver = new ArrayList<>();
    final List<InetverOutput> inetver = new ArrayList<>();
    final List<BldlevelOutput> bldlevel = new ArrayList<>();
    final List<ConfigSys> config = new ArrayList<>();
    final List<FileListing> listings = new ArrayList<>();
    final List<ExceptqReport> exceptq = new ArrayList<>();
    final List<TrapScreen> trapScreens = new ArrayList<>();
    final List<PopupLog> popuplogs = new ArrayList<>();
    final List<HsErrLog> hsErr = new ArrayList<>();
    final List<PythonBanner> banners = new ArrayList<>();

    Inputs(List<? extends Artefact> artefacts) {
      for (Artefact a : artefacts) {
        if (a instanceof SyslevelFile f) {
          entries.add(f.entry());
        } else if (a instanceof SyslevelListing l) {
          entries.addAll(l.entries());
        } else if (a instanceof VerOutput v) {
          ver.add(v);
        } else if (a instanceof InetverOutput i) {
          inetver.add(i);
        } else if (a instanceof BldlevelOutput b) {
          bldlevel.add(b);
        } else if (a instanceof ConfigSys c) {
          config.add(c);
        } else if (a instanceof FileListing l) {
          listings.add(l);
        } else if (a instanceof ExceptqReport x) {
          exceptq.add(x);
        } else if (a instanceof TrapScreen t) {
          trapScreens.add(t);
        } else if (a instanceof PopupLog p) {
          popuplogs.add(p);
        } else if (a instanceof HsErrLog h) {
          hsErr.add(h);
        } else if (a instanceof PythonBanner b) {
          banners.add(b);
        }
      }
    }

    boolean hasOs2() {
      return !entries.isEmpty()
          || !ver.isEmpty()
          || !inetver.isEmpty()
          || !bldlevel.isEmpty()
          || !config.isEmpty()
          || !listings.isEmpty()
          || !exceptq.isEmpty()
          || !trapScreens.isEmpty()
          || !popuplogs.isEmpty()
          || banners.stream().anyMatch(b -> b.platform() != null && b.platform().startsWith("os2"));
    }
  }
}
