package org.shimwatch.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.shimwatch.report.CallKind;
import org.shimwatch.report.CallMetrics;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Environment.Fix;
import org.shimwatch.report.Environment.InstallMode;
import org.shimwatch.report.Histogram;
import org.shimwatch.report.LogBuckets;
import org.shimwatch.report.Metrics;
import org.shimwatch.report.Outcome;
import org.shimwatch.report.Report;
import org.shimwatch.report.ReportIds;
import org.shimwatch.report.SelfTestResult;
import org.shimwatch.report.Source;
import org.shimwatch.report.Trap;

/**
 * Makes realistic reports: OS/2 Warp 4 and eComStation with TCP/IP 4.21 to 4.32 and their CSD
 * levels, EMX Python 2.3 with BitTorrent 3.3 to 4.0, and Linux clients under the preloaded shim.
 * Outcomes follow what the shim's readme says: the shim cures the select() problem where it is
 * active, traps inside TCPIP32.DLL still happen on some stack levels. The same seed gives the same
 * reports, so demo data, tests and benchmarks are repeatable.
 */
public final class DemoReports {

  private record Os2Stack(String version, String level, String mpts) {}

  private static final List<Os2Stack> OS2_STACKS =
      List.of(
          new Os2Stack("4.21", "UN02101", "WR08620"),
          new Os2Stack("4.3", "UN02200", "WR08700"),
          new Os2Stack("4.31", "UN02205", "WR08705"),
          new Os2Stack("4.32", "UN02207", "WR08708"));

  private static final String[][] OS2_SYSTEMS = {
    {"OS/2 Warp 4", "4.52", "14.097_UNI", "XR0M015"},
    {"OS/2 Warp 4", "4.50", "14.086_W4", "XR0M012"},
    {"eComStation", "1.1", "14.100c_W4", "XR0C005"},
    {"eComStation", "1.2", "14.104a_SMP", "XR0C006"},
    {"eComStation", "2.0", "14.106_SMP", "XR0C007"}
  };

  private static final String[] BITTORRENT = {"3.3", "3.4", "3.4.2", "4.0"};
  private static final String[] OS2_SHIM = {"2004-02", "2004-05"};
  private static final String[][] LINUX_SYSTEMS = {
    {"Debian GNU/Linux", "12", "6.1.0-27-amd64", "2.36"},
    {"Debian GNU/Linux", "13", "6.12.9-amd64", "2.41"},
    {"Ubuntu", "24.04", "6.8.0-45-generic", "2.39"}
  };
  private static final String[][] LINUX_CLIENTS = {
    {"aria2c", "1.36.0"}, {"aria2c", "1.37.0"}, {"transmission-daemon", "4.0.5"}
  };
  private static final String[] LINUX_SHIM = {"0.1.0", "0.2.0"};

  // How common each choice above is among installations, in percent: like real users, most run a
  // few popular set-ups and a long tail runs the rest, so the matrix's common cells fill up.
  private static final int[] OS2_SYSTEM_SHARES = {35, 15, 10, 25, 15};
  // Per system: the stack levels its users run (eComStation came with the newer stacks).
  private static final int[][] OS2_STACK_SHARES = {
    {30, 50, 0, 20}, {60, 40, 0, 0}, {0, 50, 50, 0}, {0, 0, 30, 70}, {0, 0, 0, 100}
  };
  private static final int[] BITTORRENT_SHARES = {5, 15, 50, 30};
  private static final int[] LINUX_SYSTEM_SHARES = {45, 20, 35};
  private static final int[] LINUX_CLIENT_SHARES = {30, 45, 25};
  private static final int[] LIBC_LAG_SHARES = {75, 20, 5};

  /** Offsets inside TCPIP32.DLL where traps recur, so trap groups form. */
  private static final String[] TCPIP32_OFFSETS = {"0000a1f4", "0000a1f4", "00013c08", "0002e410"};

  private final SplittableRandom random;
  private final Instant end;
  private final int installations;

  /**
   * @param seed random seed
   * @param end the newest creation time; reports spread over the 60 days before it
   * @param installations how many distinct installations the reports come from
   */
  public DemoReports(long seed, Instant end, int installations) {
    this.random = new SplittableRandom(seed);
    this.end = end;
    this.installations = installations;
  }

  /** The installation id of installation number {@code n}, stable for a seed-free n. */
  public static UUID installationId(int n) {
    return UUID.nameUUIDFromBytes(("shimwatch-demo-installation-" + n).getBytes());
  }

  /** The secret of demo installation {@code n}. */
  public static String installationSecret(int n) {
    return "demo-installation-secret-" + n;
  }

  /** A report and the number of the installation that sent it. */
  public record Generated(int installation, Report report) {}

  public List<Generated> next(int count) {
    List<Generated> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(next());
    }
    return out;
  }

  public Generated next() {
    int inst = random.nextInt(installations);
    // Each installation keeps its platform: the choice hangs on its number alone.
    SplittableRandom platform = new SplittableRandom(inst * 7919L + 17);
    boolean os2 = platform.nextInt(100) < 55;
    return new Generated(inst, os2 ? os2Report(inst, platform) : linuxReport(inst, platform));
  }

  private Report os2Report(int inst, SplittableRandom platform) {
    int system = weighted(platform, OS2_SYSTEM_SHARES);
    String[] sys = OS2_SYSTEMS[system];
    Os2Stack stack = OS2_STACKS.get(weighted(platform, OS2_STACK_SHARES[system]));
    boolean newstack = platform.nextInt(100) < 50;
    String python = platform.nextBoolean() ? "2.3.3" : "2.3.2";
    InstallMode mode =
        switch (platform.nextInt(10)) {
          case 0 -> InstallMode.SIDE_DIR_AFTER_LIB_DYNLOAD;
          case 1, 2, 3, 4 -> InstallMode.SIDE_DIR_BEFORE_LIB_DYNLOAD;
          default -> InstallMode.REPLACE_LIB_DYNLOAD;
        };
    // An installation keeps its client version, and mostly its shim build.
    String client = BITTORRENT[weighted(platform, BITTORRENT_SHARES)];
    String shim = OS2_SHIM[random.nextInt(5) == 0 ? random.nextInt(OS2_SHIM.length) : inst % 2];

    List<Fix> fixes = new ArrayList<>();
    fixes.add(new Fix("fixpak", sys[3], null));
    fixes.add(new Fix("csd", stack.level(), null));
    fixes.add(new Fix("csd", stack.mpts(), null));
    if (newstack) {
      fixes.add(new Fix("newstack", "NEWSTACK", "2004-03"));
    }
    Environment env =
        new Environment(
            new Environment.Os("os2", sys[0], sys[1], sys[2], null),
            new Environment.Stack(
                "os2-tcpip",
                stack.version(),
                stack.level(),
                List.of(new Environment.Component("TCPIP32.DLL", null, true))),
            fixes,
            new Environment.Runtime("EMX Python", python),
            new Environment.Client("BitTorrent", client),
            new Environment.Shim(shim, mode));

    // The shim cures select() where it is active; traps in the stack persist on 4.3 without
    // NEWSTACK, more with the older shim build.
    int trapRisk = stack.version().equals("4.3") && !newstack ? 35 : 6;
    if (shim.equals("2004-02")) {
      trapRisk += 5;
    }
    Outcome outcome;
    int roll = random.nextInt(100);
    if (!mode.shimActive() && roll < 70) {
      outcome = Outcome.SELECT_PROBLEM;
    } else if (roll < trapRisk) {
      outcome = Outcome.TRAPS;
    } else if (roll < trapRisk + 4) {
      outcome = Outcome.OTHER;
    } else {
      outcome = Outcome.WORKS;
    }
    int level = 1 + random.nextInt(3);
    if (outcome == Outcome.TRAPS) {
      level = 3;
    }
    Metrics metrics = level >= 2 ? metrics(CallKind.SELECT, outcome) : null;
    List<Trap> traps = outcome == Outcome.TRAPS ? List.of(os2Trap()) : null;
    return report(
        inst, level, outcome, env, metrics, traps, null, comment(outcome, "BitTorrent " + client));
  }

  private Report linuxReport(int inst, SplittableRandom platform) {
    String[] sys = LINUX_SYSTEMS[weighted(platform, LINUX_SYSTEM_SHARES)];
    String[] client = LINUX_CLIENTS[weighted(platform, LINUX_CLIENT_SHARES)];
    String shim = LINUX_SHIM[random.nextInt(5) == 0 ? random.nextInt(LINUX_SHIM.length) : inst % 2];
    // Most machines run the distribution's current C library update, some lag one or two behind.
    int libcRevision = 9 - weighted(platform, LIBC_LAG_SHARES);
    CallKind kind =
        switch (platform.nextInt(3)) {
          case 0 -> CallKind.SELECT;
          case 1 -> CallKind.POLL;
          default -> CallKind.EPOLL_WAIT;
        };
    Environment env =
        new Environment(
            new Environment.Os("linux", sys[0], sys[1], sys[2], "x86_64"),
            new Environment.Stack("linux", sys[2], null, null),
            List.of(
                new Fix("package", "libc6", sys[3] + "-" + libcRevision),
                new Fix("package", "linux-image-" + sys[2], sys[2].split("-")[0] + "-1")),
            new Environment.Runtime("glibc", sys[3]),
            new Environment.Client(client[0], client[1]),
            new Environment.Shim(shim, InstallMode.PRELOAD));
    int roll = random.nextInt(100);
    Outcome outcome =
        roll < 88
            ? Outcome.WORKS
            : roll < 93 ? Outcome.SELECT_PROBLEM : roll < 97 ? Outcome.OTHER : Outcome.TRAPS;
    int level = 2 + random.nextInt(2);
    List<Trap> traps = outcome == Outcome.TRAPS ? List.of(linuxTrap(kind)) : null;
    if (traps != null) {
      level = 3;
    }
    List<SelfTestResult> selfTests = random.nextInt(4) == 0 ? selfTests() : null;
    return report(
        inst,
        level,
        outcome,
        env,
        metrics(kind, outcome),
        traps,
        selfTests,
        comment(outcome, client[0]));
  }

  /** An index into {@code shares}, each chosen with its share of their sum. */
  private static int weighted(SplittableRandom r, int[] shares) {
    int total = 0;
    for (int s : shares) {
      total += s;
    }
    int roll = r.nextInt(total);
    for (int i = 0; i < shares.length; i++) {
      roll -= shares[i];
      if (roll < 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("no shares");
  }

  private Report report(
      int inst,
      int level,
      Outcome outcome,
      Environment env,
      Metrics metrics,
      List<Trap> traps,
      List<SelfTestResult> selfTests,
      String comment) {
    Instant created =
        end.minus(Duration.ofSeconds(random.nextLong(Duration.ofDays(60).toSeconds())));
    return new Report(
        Report.SCHEMA_VERSION,
        ReportIds.timeOrdered(created.toEpochMilli(), random.nextLong(), random.nextLong()),
        installationId(inst),
        level,
        created,
        Source.CLI,
        null,
        outcome,
        comment,
        env,
        level >= 2 ? metrics : null,
        level >= 2 ? traps : null,
        level >= 2 ? selfTests : null);
  }

  private Metrics metrics(CallKind kind, Outcome outcome) {
    long count = 2_000 + random.nextInt(200_000);
    long timeouts = count / (3 + random.nextInt(10));
    long errors = outcome == Outcome.SELECT_PROBLEM ? count / 50 : random.nextInt(3);
    long interrupted = random.nextInt(5);
    long ready = count - timeouts - errors - interrupted;
    // Latency around 20-200 us with a tail; a select problem adds a slow mode of seconds.
    Histogram latency = spread(count, 20_000, 200_000, outcome == Outcome.SELECT_PROBLEM);
    Histogram overshoot = spread(timeouts, 50_000, 400_000, outcome == Outcome.SELECT_PROBLEM);
    TreeMap<String, Long> errs = new TreeMap<>();
    if (errors > 0) {
      errs.put("EBADF", errors - errors / 4);
      if (errors / 4 > 0) {
        errs.put("EINVAL", errors / 4);
      }
    }
    CallMetrics m =
        new CallMetrics(
            count,
            new CallMetrics.Results(ready, timeouts, interrupted, errors),
            errs.isEmpty() ? null : errs,
            latency,
            timeouts > 0 ? overshoot : null,
            new CallMetrics.Anomalies(
                kind == CallKind.SELECT && outcome == Outcome.SELECT_PROBLEM ? errors : 0,
                random.nextInt(20) == 0 ? 1 : 0,
                outcome == Outcome.SELECT_PROBLEM ? count / 2 : random.nextInt(100),
                kind == CallKind.SELECT && outcome == Outcome.SELECT_PROBLEM
                    ? 1024 + random.nextInt(600)
                    : 8 + random.nextInt(300)));
    var byKind = new java.util.EnumMap<CallKind, CallMetrics>(CallKind.class);
    byKind.put(kind, m);
    if (random.nextInt(3) == 0) {
      CallKind other = kind == CallKind.POLL ? CallKind.SELECT : CallKind.POLL;
      long c = 1 + random.nextInt(50);
      byKind.put(
          other,
          new CallMetrics(
              c,
              new CallMetrics.Results(c, 0, 0, 0),
              null,
              spread(c, 5_000, 50_000, false),
              null,
              null));
    }
    return new Metrics((long) (30_000 + random.nextInt(3_600_000)), 1, Metrics.Calls.of(byKind));
  }

  /** {@code total} values spread log-uniformly between lo and hi ns, plus an optional slow mode. */
  private Histogram spread(long total, long lo, long hi, boolean slowMode) {
    if (total <= 0) {
      return Histogram.empty();
    }
    TreeMap<Integer, Long> buckets = new TreeMap<>();
    int first = LogBuckets.indexOf(lo);
    int last = LogBuckets.indexOf(hi);
    long left = total;
    long slow = slowMode ? total / 20 : 0;
    left -= slow;
    int spanBuckets = Math.max(1, (last - first) / 4);
    for (int i = 0; i < spanBuckets && left > 0; i++) {
      int index = first + i * 4 + random.nextInt(4);
      long n = i == spanBuckets - 1 ? left : Math.max(1, left / (2 + random.nextInt(3)));
      n = Math.min(n, left);
      buckets.merge(Math.min(index, LogBuckets.MAX_INDEX), n, Long::sum);
      left -= n;
    }
    if (slow > 0) {
      buckets.merge(
          LogBuckets.indexOf(1_000_000_000L + random.nextInt(2_000_000_000)), slow, Long::sum);
    }
    long max = LogBuckets.lowerBound(buckets.lastKey()) + LogBuckets.width(buckets.lastKey()) - 1;
    return new Histogram(buckets, max);
  }

  private Trap os2Trap() {
    String offset = TCPIP32_OFFSETS[random.nextInt(TCPIP32_OFFSETS.length)];
    TreeMap<String, String> regs = new TreeMap<>();
    for (String r : new String[] {"EAX", "EBX", "ECX", "EDX", "ESI", "EDI", "EBP"}) {
      regs.put(r, String.format("%08x", random.nextInt() & 0xffffffffL));
    }
    regs.put("CS:EIP", "005b:1c0" + offset.substring(3));
    return new Trap(
        Trap.TrapSource.OS2_POPUPLOG,
        end.minus(Duration.ofSeconds(random.nextLong(Duration.ofDays(60).toSeconds()))),
        null,
        null,
        null,
        "c0000005",
        "SYS3175",
        "TCPIP32.DLL",
        "0001",
        offset,
        "1c0" + offset.substring(3),
        new Trap.Process("PYTHON.EXE", (long) (100 + random.nextInt(400)), 1L + random.nextInt(6)),
        null,
        List.of(
            new Trap.Frame("TCPIP32.DLL", "0001", offset, null),
            new Trap.Frame("_SOCKET.PYD", "0001", "00001c30", "sock_recv"),
            new Trap.Frame("PYTHON23.DLL", "0001", "0004a210", null)),
        regs,
        null);
  }

  private Trap linuxTrap(CallKind kind) {
    List<Trap.RecentCall> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(
          new Trap.RecentCall(
              kind.wireName(),
              (long) (3 + random.nextInt(60)),
              (long) random.nextInt(1_000_000_000),
              (long) random.nextInt(4),
              null,
              (long) (10_000 + random.nextInt(900_000))));
    }
    return new Trap(
        Trap.TrapSource.SHIM_SIGNAL,
        end.minus(Duration.ofSeconds(random.nextLong(Duration.ofDays(60).toSeconds()))),
        "SIGSEGV",
        1,
        null,
        null,
        null,
        "libc.so.6",
        null,
        "0x" + Integer.toHexString(0x9d000 + random.nextInt(4) * 0x40),
        "0x0",
        new Trap.Process("aria2c", (long) (1000 + random.nextInt(30000)), null),
        null,
        List.of(
            new Trap.Frame("libc.so.6", null, "0x9d0a4", null),
            new Trap.Frame("aria2c", null, "0x1f3e20", null)),
        null,
        calls);
  }

  private List<SelfTestResult> selfTests() {
    return List.of(
        new SelfTestResult(
            "select-readiness", SelfTestResult.Result.PASS, "readable at once", 1L, null),
        new SelfTestResult(
            "timeout-accuracy",
            SelfTestResult.Result.PASS,
            "10 ms timeouts overshoot a little",
            1010L,
            java.util.Map.of("selectOvershootP50Us", 60.0 + random.nextInt(40))),
        new SelfTestResult(
            "select-non-socket",
            random.nextBoolean()
                ? SelfTestResult.Result.PASS
                : SelfTestResult.Result.KNOWN_LIMITATION,
            "select() on a pipe and a tty",
            50L,
            null));
  }

  private String comment(Outcome outcome, String client) {
    if (random.nextInt(4) != 0) {
      return null;
    }
    return switch (outcome) {
      case WORKS -> client + " ran for hours without a stall.";
      case SELECT_PROBLEM -> client + " stalls for seconds with many peers.";
      case TRAPS -> client + " trapped after a while at full speed.";
      case OTHER -> client + " would not start until I set PYTHONPATH again.";
      case UNKNOWN -> null;
    };
  }
}
