package org.shimwatch.diagnostics.jvm;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Notes;
import org.shimwatch.diagnostics.TextBlock;
import org.shimwatch.diagnostics.TrapFields;
import org.shimwatch.report.Trap;

/**
 * Reads JVM crash files ({@code hs_err_pid*.log}) from HotSpot JVMs (JDK 8 to current) into the
 * same trap model as OS/2 traps: the signal or exception, the problematic frame as module and
 * offset ({@code [libshimwatch.so+0x2e2d]}), the native and Java frames, the registers, pid, tid
 * and time, plus the runtime and OS lines. Nothing that names users or directories is kept.
 */
public final class HsErrLogParser {

  private static final Pattern HEADER =
      Pattern.compile(
          "\\s*#\\s*A fatal error has been detected by the Java Runtime Environment.*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern OUT_OF_MEMORY =
      Pattern.compile(
          "\\s*#\\s*There is insufficient memory for the Java Runtime Environment.*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SIGNAL =
      Pattern.compile(
          "\\s*#\\s+([A-Z][A-Z0-9_]{2,40})\\s+\\((0x[0-9a-fA-F]{1,8})\\)\\s+at\\s+pc=(0x[0-9a-fA-F]{1,16})"
              + "(?:,\\s*pid=(\\d{1,10}))?(?:,\\s*tid=(\\S{1,24}))?.*");
  private static final Pattern INTERNAL_ERROR =
      Pattern.compile(
          "\\s*#\\s+Internal Error\\s*\\(.{0,200}\\)(?:,\\s*pid=(\\d{1,10}))?(?:,\\s*tid=(\\S{1,24}))?.*");
  private static final Pattern JRE = Pattern.compile("\\s*#\\s*JRE version:\\s*(.*)");
  private static final Pattern JRE_PARTS =
      Pattern.compile("(.{1,100}?)\\s*\\((\\d[^)]{0,63})\\).*");
  private static final Pattern VM = Pattern.compile("\\s*#\\s*Java VM:\\s*(.*)");
  private static final Pattern PROBLEMATIC = Pattern.compile("\\s*#\\s*Problematic frame:\\s*");
  private static final Pattern HASH_LINE = Pattern.compile("\\s*#\\s?(.*)");
  private static final Pattern FRAME = Pattern.compile("\\s*([CVJjvA])\\s+(\\S.*)");
  private static final Pattern NATIVE =
      Pattern.compile("\\[([^\\]+]{1,128})\\+(0x[0-9a-fA-F]{1,16})\\](?:\\s+(.*))?");
  private static final Pattern COMPILED =
      Pattern.compile(
          "\\d{1,10}\\s+(?:c1|c2|jvmci|%)?\\s*(.*?)(?:\\s+\\(\\d+ bytes\\))?(?:\\s+@\\s.*)?");
  private static final Pattern SIGINFO = Pattern.compile("\\s*siginfo\\s*:.*");
  private static final Pattern SI_CODE =
      Pattern.compile("si_code\\s*[:=]\\s*(-?\\d{1,6})\\s*\\(([A-Z0-9_]{1,32})\\)");
  private static final Pattern SI_ADDR =
      Pattern.compile("si_addr\\s*[:=]\\s*(0x[0-9a-fA-F]{1,16})");
  private static final Pattern REGISTER =
      Pattern.compile("([A-Za-z][A-Za-z0-9]{0,15})\\s*=\\s*(0x[0-9a-fA-F]{1,16})(?![0-9a-fA-F])");
  private static final Pattern TIME =
      Pattern.compile(
          "\\s*time\\s*:\\s*[A-Za-z]{3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})"
              + "\\s+(\\d{4})(?:\\s+([A-Za-z][A-Za-z0-9+:-]{0,8}))?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern OS_LINE = Pattern.compile("\\s*OS\\s*:\\s*(.*)");
  private static final Pattern PRETTY_NAME =
      Pattern.compile("\\s*PRETTY_NAME=\"?([^\"]{1,128})\"?\\s*");
  private static final Pattern UNAME =
      Pattern.compile("\\s*uname\\s*:\\s*(\\S{1,32})\\s+(\\S{1,64})(.*)", Pattern.CASE_INSENSITIVE);
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private HsErrLogParser() {}

  /** Whether a line starts a JVM crash file. */
  public static boolean isStart(String line) {
    return HEADER.matcher(line).matches()
        || OUT_OF_MEMORY.matcher(line).matches()
        || SIGNAL.matcher(line).matches();
  }

  /** Whether a line is the crash line, e.g. {@code # SIGSEGV (0xb) at pc=0x..., pid=1, tid=2}. */
  public static boolean isCrashLine(String line) {
    return SIGNAL.matcher(line).matches();
  }

  /** Reads a JVM crash file from text. */
  public static HsErrLog parse(String text) throws ArtefactParseException {
    return parse(TextBlock.of(text));
  }

  /**
   * Reads a JVM crash file.
   *
   * @throws ArtefactParseException {@code NOT_RECOGNIZED} without the fatal-error header, the
   *     insufficient-memory header or a {@code SIGNAL (code) at pc=} line
   */
  public static HsErrLog parse(TextBlock block) throws ArtefactParseException {
    Notes notes = new Notes();
    boolean recognized = false;
    String headline = null;
    String signal = null;
    String exceptionCode = null;
    String pc = null;
    Long pid = null;
    Long tid = null;
    String runtimeName = null;
    String runtimeVersion = null;
    String vmInfo = null;
    Trap.Frame problematic = null;
    List<Trap.Frame> nativeFrames = new ArrayList<>();
    List<Trap.Frame> javaFrames = new ArrayList<>();
    int droppedFrames = 0;
    Integer siCode = null;
    String siCodeName = null;
    String siAddress = null;
    Map<String, String> registers = new TreeMap<>();
    LocalDateTime time = null;
    String osFamily = null;
    String osName = null;
    String kernel = null;
    String machine = null;
    String section = "";
    boolean expectProblematic = false;
    boolean expectOsName = false;

    for (int i = 0; i < block.size(); i++) {
      String line = block.line(i);
      int number = block.number(i);
      Matcher m;
      if (line.isBlank()) {
        section = "";
        expectOsName = false;
        continue;
      }
      if (HEADER.matcher(line).matches() || OUT_OF_MEMORY.matcher(line).matches()) {
        recognized = true;
        if (OUT_OF_MEMORY.matcher(line).matches() && headline == null) {
          headline = "insufficient memory for the Java Runtime Environment";
        }
        continue;
      }
      if (expectProblematic) {
        expectProblematic = false;
        Matcher h = HASH_LINE.matcher(line);
        if (h.matches()) {
          problematic = frame(h.group(1));
          continue;
        }
      }
      if ((m = SIGNAL.matcher(line)).matches()) {
        recognized = true;
        if (pc == null) {
          String name = m.group(1);
          headline = TrapFields.text(line.replaceFirst("^\\s*#\\s*", ""), 200);
          if (name.startsWith("SIG") && name.length() <= 13 && name.matches("SIG[A-Z0-9]{2,10}")) {
            signal = name;
          } else {
            exceptionCode = TrapFields.exceptionCode(m.group(2));
          }
          pc = TrapFields.offset(m.group(3));
          pid = m.group(4) == null ? null : TrapFields.decimalCount(m.group(4));
          tid = m.group(5) == null ? null : TrapFields.decimalCount(m.group(5).replace(",", ""));
        }
      } else if ((m = INTERNAL_ERROR.matcher(line)).matches()) {
        recognized = true;
        if (headline == null) {
          headline = TrapFields.text(line.replaceFirst("^\\s*#\\s*", ""), 200);
        }
        if (pid == null && m.group(1) != null) {
          pid = TrapFields.decimalCount(m.group(1));
        }
        if (tid == null && m.group(2) != null) {
          tid = TrapFields.decimalCount(m.group(2).replace(",", ""));
        }
      } else if ((m = JRE.matcher(line)).matches()) {
        Matcher parts = JRE_PARTS.matcher(m.group(1).strip());
        if (parts.matches()) {
          runtimeName = TrapFields.name(parts.group(1));
          runtimeVersion = TrapFields.version(parts.group(2));
        } else {
          runtimeName = TrapFields.name(m.group(1));
        }
      } else if ((m = VM.matcher(line)).matches()) {
        vmInfo = TrapFields.text(m.group(1), 200);
      } else if (PROBLEMATIC.matcher(line).matches()) {
        expectProblematic = true;
      } else if (line.startsWith("Native frames:")) {
        section = "native";
      } else if (line.startsWith("Java frames:")) {
        section = "java";
      } else if (line.startsWith("Registers:")) {
        section = "registers";
      } else if (SIGINFO.matcher(line).matches()) {
        Matcher c = SI_CODE.matcher(line);
        if (c.find()) {
          siCode = Integer.valueOf(c.group(1));
          siCodeName = c.group(2);
        }
        Matcher a = SI_ADDR.matcher(line);
        if (a.find()) {
          siAddress = TrapFields.offset(a.group(1));
        }
      } else if ((m = TIME.matcher(line)).lookingAt()) {
        time = time(m, number, notes);
      } else if ((m = UNAME.matcher(line)).matches()) {
        String sys = m.group(1).toLowerCase(Locale.ROOT);
        osFamily = family(sys);
        kernel = TrapFields.version(m.group(2));
        String[] rest = m.group(3).strip().split("\\s+");
        String last = rest[rest.length - 1];
        if (last.matches("[A-Za-z0-9_]{2,16}")) {
          machine = last;
        }
      } else if ((m = OS_LINE.matcher(line)).matches()) {
        String rest = m.group(1).strip();
        Matcher p = PRETTY_NAME.matcher(rest);
        if (p.matches()) {
          osName = TrapFields.name(p.group(1));
        } else if (!rest.isEmpty() && !rest.contains("=")) {
          osName = TrapFields.name(rest.replaceAll("\\s+,", ","));
          if (rest.toLowerCase(Locale.ROOT).startsWith("windows")) {
            osFamily = "windows";
          }
        } else {
          expectOsName = true;
        }
      } else if (expectOsName && (m = PRETTY_NAME.matcher(line)).matches()) {
        osName = TrapFields.name(m.group(1));
        expectOsName = false;
      } else if (section.equals("native") || section.equals("java")) {
        Trap.Frame f = FRAME.matcher(line).matches() ? frame(line.strip()) : null;
        List<Trap.Frame> into = section.equals("native") ? nativeFrames : javaFrames;
        if (f != null) {
          if (into.size() < TrapFields.MAX_FRAMES) {
            into.add(f);
          } else {
            droppedFrames++;
          }
        }
      } else if (section.equals("registers")) {
        Matcher r = REGISTER.matcher(line);
        while (r.find()) {
          String value = TrapFields.registerValue(r.group(2));
          String name = r.group(1).toUpperCase(Locale.ROOT);
          if (value != null
              && TrapFields.isRegisterName(name)
              && (registers.size() < TrapFields.MAX_REGISTERS || registers.containsKey(name))) {
            registers.put(name, value);
          }
        }
      }
    }
    if (!recognized) {
      throw ArtefactParseException.atLine(
          Reason.NOT_RECOGNIZED,
          block.number(0),
          "not a JVM crash file: no '# A fatal error has been detected by the Java Runtime"
              + " Environment' header and no 'SIGNAL (code) at pc=' line");
    }
    if (droppedFrames > 0) {
      notes.whole(
          droppedFrames + " frames beyond the first " + TrapFields.MAX_FRAMES + " left out");
    }
    List<Trap.Frame> frames = !nativeFrames.isEmpty() ? nativeFrames : javaFrames;
    if (frames.isEmpty() && problematic != null) {
      frames = List.of(problematic);
    }
    if (pc == null && headline == null) {
      notes.whole("the file has no crash line: it was cut short");
    }
    Trap trap =
        new Trap(
            Trap.TrapSource.JVM_HS_ERR,
            TrapFields.utc(time),
            signal,
            siCode,
            null,
            exceptionCode,
            null,
            problematic == null ? null : problematic.module(),
            null,
            problematic == null ? null : problematic.offset(),
            pc,
            pid == null && tid == null ? null : new Trap.Process(null, pid, tid),
            null,
            frames.isEmpty() ? null : frames,
            registers.isEmpty() ? null : registers,
            null);
    return new HsErrLog(
        trap,
        headline,
        runtimeName,
        runtimeVersion,
        vmInfo,
        siCodeName,
        siAddress,
        osFamily,
        osName,
        kernel,
        machine,
        notes.list());
  }

  /** One frame line: {@code C [libc.so.6+0x10a3b4] __select+0x54}, {@code j java.Foo.bar()V+0}. */
  private static Trap.Frame frame(String text) {
    Matcher f = FRAME.matcher(text);
    if (!f.matches()) {
      return null;
    }
    char type = f.group(1).charAt(0);
    String rest = f.group(2).strip();
    if (type == 'C' || type == 'V') {
      Matcher n = NATIVE.matcher(rest);
      if (n.lookingAt()) {
        String module = TrapFields.fileName(n.group(1));
        return new Trap.Frame(
            module, null, TrapFields.offset(n.group(2)), TrapFields.symbol(n.group(3)));
      }
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        String module = close > 1 ? TrapFields.fileName(rest.substring(1, close)) : null;
        String symbol = close > 0 ? TrapFields.symbol(rest.substring(close + 1)) : null;
        return module == null && symbol == null ? null : new Trap.Frame(module, null, null, symbol);
      }
      // A bare address names no module and no symbol: nothing in it groups traps.
      return null;
    }
    if (type == 'J') {
      Matcher c = COMPILED.matcher(rest);
      String symbol = c.matches() ? c.group(1) : rest;
      return new Trap.Frame(null, null, null, TrapFields.symbol(symbol));
    }
    return new Trap.Frame(null, null, null, TrapFields.symbol(rest));
  }

  private static LocalDateTime time(Matcher m, int number, Notes notes) {
    int month = MONTHS.indexOf(m.group(1).toLowerCase(Locale.ROOT)) + 1;
    String zone = m.group(7);
    if (zone != null
        && !zone.equalsIgnoreCase("UTC")
        && !zone.equalsIgnoreCase("GMT")
        && !zone.equalsIgnoreCase("Z")
        && !zone.equalsIgnoreCase("elapsed")) {
      notes.at(number, "the crash time is in time zone " + zone + ", which is not read; left out");
      return null;
    }
    LocalDateTime t =
        TrapFields.dateTime(
            Integer.parseInt(m.group(6)),
            month,
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)));
    if (t == null) {
      notes.at(number, "the crash time is not a real date; left out");
    }
    return t;
  }

  private static String family(String sysname) {
    if (sysname.equals("linux")) {
      return "linux";
    }
    if (sysname.equals("darwin")) {
      return "macos";
    }
    if (sysname.endsWith("bsd")) {
      return "bsd";
    }
    return "other";
  }
}
