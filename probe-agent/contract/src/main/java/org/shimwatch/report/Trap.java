package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fatal fault, normalized whatever its source: a Linux signal caught by the shim, an OS/2
 * POPUPLOG.OS2 entry, kernel trap screen or EXCEPTQ report, or a JVM crash file. The same fault
 * from different sources has the same module, object and offset, which is what trap groups key on.
 *
 * @param source where the trap was read from
 * @param time when it happened, when known
 * @param signal Linux signal name, e.g. SIGSEGV
 * @param siCode Linux si_code
 * @param trapNumber OS/2 trap number, four hex digits (000e page fault)
 * @param exceptionCode OS/2 or JVM exception code, eight hex digits (c0000005)
 * @param errorCode popup or message id, e.g. SYS3175
 * @param module the module the fault happened in (file name only)
 * @param object OS/2 object (segment) number in the module
 * @param offset offset in the object, or in the module when there is no object
 * @param faultAddress the address that faulted
 * @param process the faulting process
 * @param revision OS/2 kernel internal revision
 * @param frames call stack, innermost first (level 3)
 * @param registers register values by name (level 3)
 * @param recentCalls the last wrapped calls before the trap, oldest first (level 3)
 * @param location a kernel trap screen's place of the fault as a person reads it, {@code
 *     selector:offset}: CS:EIP from the register dump, or the internal processing error's {@code
 *     ##} location when the screen shows no registers. Kept at every consent level (it is an
 *     address, not a register dump), so the same screen groups the same way at every level.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trap(
    TrapSource source,
    Instant time,
    String signal,
    Integer siCode,
    String trapNumber,
    String exceptionCode,
    String errorCode,
    String module,
    String object,
    String offset,
    String faultAddress,
    Process process,
    String revision,
    List<Frame> frames,
    Map<String, String> registers,
    List<RecentCall> recentCalls,
    String location) {

  /**
   * Most traps a report carries (the contract's {@code maxItems} for {@code traps}): a client that
   * traps more often than this within one report shows its fault as well in its newest 64 traps as
   * in all of them, and 64 traps with every detail keep a report well under 100 KiB.
   */
  public static final int MAX_PER_REPORT = 64;

  public Trap {
    frames = frames == null ? null : List.copyOf(frames);
    registers =
        registers == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(registers));
    recentCalls = recentCalls == null ? null : List.copyOf(recentCalls);
  }

  /** A trap without a kernel screen's {@code location}: every source but the trap screen. */
  public Trap(
      TrapSource source,
      Instant time,
      String signal,
      Integer siCode,
      String trapNumber,
      String exceptionCode,
      String errorCode,
      String module,
      String object,
      String offset,
      String faultAddress,
      Process process,
      String revision,
      List<Frame> frames,
      Map<String, String> registers,
      List<RecentCall> recentCalls) {
    this(
        source,
        time,
        signal,
        siCode,
        trapNumber,
        exceptionCode,
        errorCode,
        module,
        object,
        offset,
        faultAddress,
        process,
        revision,
        frames,
        registers,
        recentCalls,
        null);
  }

  /**
   * The traps a report keeps of these: the newest {@link #MAX_PER_REPORT}, the one rule wherever
   * traps are capped. A trap's newest occurrences say most about the client as it is now, and every
   * reader lists traps oldest first (by time where the source records it, else in the order logs
   * append them).
   *
   * @param oldestFirst traps, oldest first
   * @return the last {@link #MAX_PER_REPORT} of them, still oldest first
   */
  public static List<Trap> newest(List<Trap> oldestFirst) {
    int n = oldestFirst.size();
    return List.copyOf(
        n <= MAX_PER_REPORT ? oldestFirst : oldestFirst.subList(n - MAX_PER_REPORT, n));
  }

  /** This trap without what only level 3 may carry: frames, registers and recent calls. */
  public Trap withoutDetails() {
    return new Trap(
        source,
        time,
        signal,
        siCode,
        trapNumber,
        exceptionCode,
        errorCode,
        module,
        object,
        offset,
        faultAddress,
        process,
        revision,
        null,
        null,
        null,
        location);
  }

  /** Where a trap was read from. */
  public enum TrapSource {
    @JsonProperty("shim-signal")
    SHIM_SIGNAL,
    @JsonProperty("os2-popuplog")
    OS2_POPUPLOG,
    @JsonProperty("os2-trap-screen")
    OS2_TRAP_SCREEN,
    @JsonProperty("os2-exceptq")
    OS2_EXCEPTQ,
    @JsonProperty("jvm-hs-err")
    JVM_HS_ERR,
    /**
     * An exception that ended a Python client run by the Python probe; frames are the traceback's.
     */
    @JsonProperty("python-exception")
    PYTHON_EXCEPTION,
    @JsonProperty("manual")
    MANUAL
  }

  /**
   * The faulting process.
   *
   * @param name executable file name (no path)
   * @param pid process id
   * @param tid thread id
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Process(String name, Long pid, Long tid) {}

  /**
   * One call-stack frame.
   *
   * @param module module file name
   * @param object OS/2 object number, when the source gives one
   * @param offset offset in the object or module
   * @param symbol nearest symbol, when known
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Frame(String module, String object, String offset, String symbol) {}

  /**
   * One wrapped call made shortly before the trap.
   *
   * @param call the call's contract name, e.g. poll
   * @param nfds nfds or number of descriptors
   * @param timeoutNs requested timeout, -1 for none
   * @param result return value
   * @param errno errno name when the call failed
   * @param latencyNs how long it took
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecentCall(
      String call, Long nfds, Long timeoutNs, Long result, String errno, Long latencyNs) {}
}
