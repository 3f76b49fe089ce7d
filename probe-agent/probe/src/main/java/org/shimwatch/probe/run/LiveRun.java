package org.shimwatch.probe.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code runs/<id>.live}: what the {@code shimwatch} launcher writes before it starts a client, in
 * the lines of a {@link RunRecord} without {@code ended} and {@code status}, plus {@code wrapper}
 * (the launcher's pid) and {@code wrapper-start} (when that process started, in clock ticks since
 * boot, field 22 of {@code /proc/PID/stat}). When the client has ended the launcher writes the run
 * record and removes this file. A live file whose launcher has gone without doing so (killed with
 * SIGKILL, the machine stopped) is an abandoned run: the next finisher reports it from this file
 * and the spool, so that the spool is never left behind unreported.
 */
public final class LiveRun {

  /** The file name suffix of a live file. */
  public static final String SUFFIX = ".live";

  private LiveRun() {}

  /**
   * Whether the launcher that wrote {@code content} is gone, looking in {@code proc} (normally
   * {@code /proc}). A file that does not name its launcher, or whose launcher cannot be looked up,
   * is not taken for abandoned: it is left alone rather than reported while its client may run.
   */
  public static boolean abandoned(byte[] content, Path proc) {
    String pid = null;
    String start = null;
    for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("wrapper=")) {
        pid = line.substring("wrapper=".length());
      } else if (line.startsWith("wrapper-start=")) {
        start = line.substring("wrapper-start=".length());
      }
    }
    if (pid == null || start == null || !pid.matches("[1-9][0-9]{0,9}") || start.isEmpty()) {
      return false;
    }
    String stat;
    try {
      stat = Files.readString(proc.resolve(pid).resolve("stat"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
    // The command name in parentheses may hold anything: the fields start after the last ") ".
    int close = stat.lastIndexOf(") ");
    if (close < 0) {
      return false;
    }
    String[] fields = stat.substring(close + 2).strip().split(" ");
    // fields[0] is field 3 (the state); the start time is field 22.
    if (fields.length < 20) {
      return false;
    }
    // A zombie launcher has ended as surely as a reaped one; another start time is another process.
    return fields[0].equals("Z") || !fields[19].equals(start);
  }
}
