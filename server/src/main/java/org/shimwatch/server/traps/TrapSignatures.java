package org.shimwatch.server.traps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shimwatch.server.rollup.TrapRow;
import org.shimwatch.server.rollup.TrapSigner;
import org.shimwatch.server.system.ShimwatchProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The group signature of a trap: fault code, module and location, so that the same fault groups
 * together whichever artefact it was read from (the shim's signal handler, POPUPLOG.OS2, a kernel
 * trap screen, EXCEPTQ, a JVM crash file).
 *
 * <ul>
 *   <li>Code: the Linux signal name ({@code SIGSEGV}); else the exception code in lower case
 *       ({@code c0000005}); else the OS/2 trap number as the exception OS/2 raises for it in a
 *       program ({@code 000d} and {@code 000e} are {@code c0000005}, {@code 0000} is {@code
 *       c000009b}, {@code 0006} is {@code c000001c}), or {@code trap-XXXX} for other numbers; else
 *       {@code ?}.
 *   <li>Module: OS/2 names upper-cased and without extension (EXCEPTQ names frames {@code TCPIP32}
 *       where POPUPLOG.OS2 writes {@code TCPIP32.DLL}); Linux names as they are.
 *   <li>Location: {@code object:offset}, or the module offset alone, in lower-case hex without
 *       {@code 0x} and leading zeros ({@code 0001:0000A1F4} is {@code 1:a1f4}); {@code ?} when not
 *       known (a trap screen gives only a linear address, which is not relative to the module).
 *   <li>Which frame: see {@link ShimwatchProperties.Traps}: the trap's own location unless its
 *       module is in the shim or runtime lists, then the first frame outside them, then the first
 *       frame in a shim module, then the trap's own location.
 * </ul>
 *
 * <p>A kernel trap screen is grouped as a person reading it would: by its trap number ({@code
 * trap-000d}; {@code ipe} for an internal processing error shown without a TRAP line), the module
 * it names and where it places the fault, CS:EIP or the error's {@code ##} location ({@code
 * 168:fff4b7e2}). The kernel stopped, so there is no program exception to map the number to, and a
 * TRAP 000D and a TRAP 000E in OS2KRNL are different faults.
 */
@Component
public class TrapSignatures implements TrapSigner {

  /** OS/2 trap numbers and the exception a program sees for them. */
  private static final Map<String, String> TRAP_EXCEPTIONS =
      Map.of("000d", "c0000005", "000e", "c0000005", "0000", "c000009b", "0006", "c000001c");

  /** The contract's source name of a kernel trap screen. */
  private static final String TRAP_SCREEN = "os2-trap-screen";

  private final List<String> shimModules;
  private final List<String> runtimeModules;

  @Autowired
  TrapSignatures(ShimwatchProperties properties) {
    this(properties.traps().shimModules(), properties.traps().runtimeModules());
  }

  /** Signatures with these skip lists. */
  public TrapSignatures(List<String> shimModules, List<String> runtimeModules) {
    this.shimModules = List.copyOf(shimModules);
    this.runtimeModules = List.copyOf(runtimeModules);
  }

  /**
   * A signature and its parts.
   *
   * @param code fault code
   * @param module module name, normalized
   * @param location object:offset or offset
   */
  public record Signature(String code, String module, String location) {

    /** The stored key: the parts joined by {@code |}, which no part can hold. */
    public String key() {
      return code + "|" + module + "|" + location;
    }

    /** The parts of a stored key. */
    public static Signature parse(String key) {
      String[] p = key.split("\\|", 3);
      return new Signature(p[0], p.length > 1 ? p[1] : "?", p.length > 2 ? p[2] : "?");
    }
  }

  @Override
  public String sign(TrapRow trap, String osFamily) {
    return signature(trap, osFamily).key();
  }

  /** The signature of a trap of a report from this OS family. */
  public Signature signature(TrapRow t, String osFamily) {
    if (TRAP_SCREEN.equals(t.source())) {
      return kernelScreen(t);
    }
    boolean os2 = "os2".equals(osFamily) || (t.source() != null && t.source().startsWith("os2-"));
    List<TrapRow.Frame> frames = new ArrayList<>();
    TrapRow.Frame own = new TrapRow.Frame(t.module(), t.object(), t.offset());
    if (t.frames() != null) {
      frames.addAll(t.frames());
    }
    TrapRow.Frame chosen = choose(own, frames, os2);
    String module = chosen.module() == null ? "?" : module(chosen.module(), os2);
    return new Signature(code(t), module, location(chosen));
  }

  private static Signature kernelScreen(TrapRow t) {
    String code;
    if (t.trapNumber() != null && !t.trapNumber().isBlank()) {
      code = "trap-" + t.trapNumber().strip().toLowerCase(Locale.ROOT);
    } else if (t.location() != null) {
      code = "ipe";
    } else {
      code = code(t);
    }
    String module = t.module() == null ? "?" : module(t.module(), true);
    String location = "?";
    if (t.location() != null && !t.location().isBlank()) {
      String l = t.location().strip();
      int colon = l.indexOf(':');
      location =
          colon > 0 ? hex(l.substring(0, colon)) + ":" + hex(l.substring(colon + 1)) : hex(l);
    }
    return new Signature(code, module, location);
  }

  private TrapRow.Frame choose(TrapRow.Frame own, List<TrapRow.Frame> frames, boolean os2) {
    if (own.module() != null && !skipped(own.module(), os2)) {
      return own;
    }
    for (TrapRow.Frame f : frames) {
      if (f.module() != null && !skipped(f.module(), os2)) {
        return f;
      }
    }
    if (own.module() != null && listed(own.module(), shimModules, os2)) {
      return own;
    }
    for (TrapRow.Frame f : frames) {
      if (f.module() != null && listed(f.module(), shimModules, os2)) {
        return f;
      }
    }
    if (own.module() != null) {
      return own;
    }
    for (TrapRow.Frame f : frames) {
      if (f.module() != null) {
        return f;
      }
    }
    return own;
  }

  private boolean skipped(String module, boolean os2) {
    return listed(module, shimModules, os2) || listed(module, runtimeModules, os2);
  }

  private static boolean listed(String module, List<String> list, boolean os2) {
    String m = module(module, os2);
    for (String entry : list) {
      if (entry.endsWith("*")) {
        String prefix =
            os2
                ? entry.substring(0, entry.length() - 1).toUpperCase(Locale.ROOT)
                : entry.substring(0, entry.length() - 1);
        if (m.startsWith(prefix)) {
          return true;
        }
      } else if (m.equals(module(entry, os2))) {
        return true;
      }
    }
    return false;
  }

  /** A module name as signatures use it. */
  static String module(String raw, boolean os2) {
    String m = raw.strip();
    if (!os2) {
      return m;
    }
    m = m.toUpperCase(Locale.ROOT);
    int dot = m.lastIndexOf('.');
    if (dot > 0 && m.length() - dot - 1 >= 1 && m.length() - dot - 1 <= 3) {
      m = m.substring(0, dot);
    }
    return m;
  }

  /** The fault code of a trap. */
  static String code(TrapRow t) {
    if (t.signal() != null && !t.signal().isBlank()) {
      return t.signal().strip().toUpperCase(Locale.ROOT);
    }
    if (t.exceptionCode() != null && !t.exceptionCode().isBlank()) {
      return t.exceptionCode().strip().toLowerCase(Locale.ROOT);
    }
    if (t.trapNumber() != null && !t.trapNumber().isBlank()) {
      String n = t.trapNumber().strip().toLowerCase(Locale.ROOT);
      return TRAP_EXCEPTIONS.getOrDefault(n, "trap-" + n);
    }
    return "?";
  }

  private static String location(TrapRow.Frame f) {
    if (f.offset() == null) {
      return "?";
    }
    String offset = hex(f.offset());
    return f.object() == null ? offset : hex(f.object()) + ":" + offset;
  }

  /** Lower-case hex without {@code 0x} and leading zeros ({@code 0} for zero). */
  static String hex(String raw) {
    String h = raw.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("0x")) {
      h = h.substring(2);
    }
    int i = 0;
    while (i < h.length() - 1 && h.charAt(i) == '0') {
      i++;
    }
    return h.substring(i);
  }
}
