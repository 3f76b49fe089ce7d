package org.shimwatch.strace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's count of a client's readiness calls, from {@code strace -f} run around {@code
 * shimwatch run}: a count taken outside the shim, of the same run, to check the shim's own.
 *
 * <p>strace follows every process and thread below it (the launcher, the JVM, and the client the
 * JVM starts). The client's part is the process that executed the client's program, and every
 * process and thread it then cloned or forked, exactly the processes the shim is preloaded into.
 * Their readiness system calls are counted by family, since glibc does not map library calls to
 * system calls one to one: on x86-64 glibc 2.36 {@code select()} enters the kernel as {@code
 * pselect6}.
 *
 * <p>Interrupted calls are where the two counts can honestly differ. A call that returns {@code ?
 * ERESTART…} to strace either ends with {@code EINTR} in the program (a signal handler ran: one
 * library call, no other system call line) or is restarted by the kernel (no handler, or a stop and
 * continue: a new line for the same library call, {@code restart_syscall} for {@code poll}). A
 * library count therefore lies between the completed system calls and the completed ones plus those
 * restartable lines, and whatever it has above the completed ones must be calls the shim saw
 * interrupted. With no restartable line the two counts must be equal.
 */
public record StraceTally(
    long clientPid,
    Set<Long> tasks,
    Map<Family, Long> completed,
    Map<Family, Long> restartable,
    long lines) {

  /** Readiness calls by family: the shim's call kinds and the system calls they enter. */
  public enum Family {
    SELECT(List.of("select", "pselect"), List.of("select", "_newselect", "pselect6")),
    POLL(List.of("poll", "ppoll"), List.of("poll", "ppoll")),
    EPOLL(
        List.of("epoll_wait", "epoll_pwait"), List.of("epoll_wait", "epoll_pwait", "epoll_pwait2"));

    private final List<String> shimKinds;
    private final List<String> syscalls;

    Family(List<String> shimKinds, List<String> syscalls) {
      this.shimKinds = shimKinds;
      this.syscalls = syscalls;
    }

    /** The report's call kinds of this family. */
    public List<String> shimKinds() {
      return shimKinds;
    }

    public List<String> syscalls() {
      return syscalls;
    }

    static Family ofSyscall(String name) {
      for (Family f : values()) {
        if (f.syscalls.contains(name)) {
          return f;
        }
      }
      return null;
    }
  }

  /** What strace traces: the readiness calls, and what it takes to follow the client's tree. */
  public static final String TRACED =
      "select,pselect6,poll,ppoll,epoll_wait,epoll_pwait,epoll_pwait2,restart_syscall,"
          + "execve,clone,clone3,fork,vfork";

  /**
   * The strace options that write {@code log}, ahead of the command it runs: all processes and
   * threads, whole lines of calls that returned (no unfinished halves), no signal lines.
   */
  public static List<String> command(Path log) {
    return List.of(
        "strace",
        "-f",
        "-qq",
        "--seccomp-bpf",
        "-e",
        "trace=" + TRACED,
        "-e",
        "status=successful,failed",
        "-e",
        "signal=none",
        "-s",
        "256",
        "-o",
        log.toString());
  }

  private static final Pattern CALL =
      Pattern.compile("^(\\d+)\\s+([a-z_0-9]+)\\((.*)\\)\\s+= (.*)$", Pattern.DOTALL);
  private static final Pattern UNFINISHED =
      Pattern.compile("^(\\d+)\\s+([a-z_0-9]+\\(.*) <unfinished \\.\\.\\.>$", Pattern.DOTALL);
  private static final Pattern RESUMED =
      Pattern.compile("^(\\d+)\\s+<\\.\\.\\. ([a-z_0-9]+) resumed>(.*)$", Pattern.DOTALL);
  private static final Pattern RESUMING = Pattern.compile("resuming interrupted ([a-z_0-9]+)");
  private static final Pattern EXECVE = Pattern.compile("^\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Reads a log written with {@link #command}. */
  public static StraceTally read(Path log, String executableName) throws IOException {
    return parse(Files.readAllLines(log, StandardCharsets.UTF_8), executableName);
  }

  /**
   * Tallies the calls of the process tree that begins where a file named {@code executableName} was
   * executed successfully (the first time).
   *
   * @throws IllegalArgumentException when no such execution is in the log
   */
  public static StraceTally parse(List<String> lines, String executableName) {
    record Call(long task, String name, String args, String result) {}

    List<Call> calls = new ArrayList<>();
    Map<Long, String> unfinished = new HashMap<>();
    for (String line : lines) {
      Matcher u = UNFINISHED.matcher(line);
      if (u.matches()) {
        unfinished.put(Long.parseLong(u.group(1)), u.group(2));
        continue;
      }
      Matcher r = RESUMED.matcher(line);
      if (r.matches()) {
        String start = unfinished.remove(Long.parseLong(r.group(1)));
        if (start == null || !start.startsWith(r.group(2) + "(")) {
          continue;
        }
        line = r.group(1) + " " + start + r.group(3);
      }
      Matcher c = CALL.matcher(line);
      if (c.matches()) {
        calls.add(new Call(Long.parseLong(c.group(1)), c.group(2), c.group(3), c.group(4)));
      }
    }

    long root = -1;
    int rootExec = -1;
    Map<Long, List<Long>> children = new HashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      Call c = calls.get(i);
      if (c.name().equals("execve") && root < 0 && c.result().startsWith("0")) {
        Matcher path = EXECVE.matcher(c.args());
        if (path.find() && fileName(path.group(1)).equals(executableName)) {
          root = c.task();
          rootExec = i;
        }
      } else if (Set.of("clone", "clone3", "fork", "vfork").contains(c.name())) {
        String ret = c.result().split(" ", 2)[0];
        if (ret.matches("[1-9][0-9]*")) {
          children.computeIfAbsent(c.task(), k -> new ArrayList<>()).add(Long.parseLong(ret));
        }
      }
    }
    if (root < 0) {
      throw new IllegalArgumentException(
          "strace saw no successful execve of "
              + executableName
              + " in "
              + lines.size()
              + " lines");
    }
    Set<Long> tree = new LinkedHashSet<>();
    Deque<Long> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      long t = todo.pop();
      if (tree.add(t)) {
        todo.addAll(children.getOrDefault(t, List.of()));
      }
    }

    Map<Family, Long> completed = zeros();
    Map<Family, Long> restartable = zeros();
    for (int i = 0; i < calls.size(); i++) {
      Call c = calls.get(i);
      // The root task's calls count from the execution of the client on (before it, it was the
      // JVM's helper that started the client).
      if (!tree.contains(c.task()) || (c.task() == root && i < rootExec)) {
        continue;
      }
      Family f = Family.ofSyscall(c.name());
      if (c.name().equals("restart_syscall")) {
        Matcher m = RESUMING.matcher(c.args());
        f = m.find() ? Family.ofSyscall(m.group(1)) : null;
      }
      if (f == null) {
        continue;
      }
      if (c.result().startsWith("?")) {
        if (c.result().contains("ERESTART")) {
          restartable.merge(f, 1L, Long::sum);
        }
      } else {
        completed.merge(f, 1L, Long::sum);
      }
    }
    return new StraceTally(root, Set.copyOf(tree), completed, restartable, lines.size());
  }

  /**
   * Why a library count of one family (the report's calls of that family, and how many of them the
   * shim saw interrupted) cannot be the calls strace saw, or {@code null} when it can.
   */
  public String disagreement(Family family, long shimCount, long shimInterrupted) {
    long done = completed.get(family);
    long restarts = restartable.get(family);
    if (restarts == 0) {
      return shimCount == done
          ? null
          : family + ": the shim counted " + shimCount + ", the kernel " + done;
    }
    if (shimCount < done || shimCount > done + restarts) {
      return family
          + ": the shim counted "
          + shimCount
          + ", the kernel "
          + done
          + " completed and "
          + restarts
          + " restartable";
    }
    if (shimCount - done > shimInterrupted) {
      return family
          + ": "
          + (shimCount - done)
          + " calls above the kernel's, but the shim saw only "
          + shimInterrupted
          + " interrupted";
    }
    return null;
  }

  /** "count" or "count (+n restartable)" for a figures line. */
  public String figure(Family family) {
    long r = restartable.get(family);
    return completed.get(family) + (r == 0 ? "" : "+" + r + "restartable");
  }

  private static Map<Family, Long> zeros() {
    Map<Family, Long> m = new EnumMap<>(Family.class);
    for (Family f : Family.values()) {
      m.put(f, 0L);
    }
    return m;
  }

  private static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
