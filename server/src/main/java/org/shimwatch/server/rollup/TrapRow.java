package org.shimwatch.server.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A trap as stored for the analytics: the fields its group signature is computed from, and the
 * signature computed at ingest.
 *
 * @param index position in the report's trap list
 * @param source the contract's source name, e.g. {@code os2-popuplog}
 * @param signal Linux signal name
 * @param trapNumber OS/2 trap number
 * @param exceptionCode OS/2 or JVM exception code
 * @param module the module the fault happened in
 * @param object OS/2 object number
 * @param offset offset in the object or module
 * @param time when it happened, to the microsecond, or {@code null}
 * @param frames module, object and offset of each frame, innermost first
 * @param location a kernel trap screen's CS:EIP or internal processing error location ({@code
 *     selector:offset}), or {@code null}
 * @param signature the trap group key
 */
public record TrapRow(
    int index,
    String source,
    String signal,
    String trapNumber,
    String exceptionCode,
    String module,
    String object,
    String offset,
    Instant time,
    List<Frame> frames,
    String location,
    String signature) {

  public TrapRow {
    frames = List.copyOf(frames);
  }

  /** The same trap with another signature. */
  public TrapRow withSignature(String s) {
    return new TrapRow(
        index,
        source,
        signal,
        trapNumber,
        exceptionCode,
        module,
        object,
        offset,
        time,
        frames,
        location,
        s);
  }

  /**
   * A frame's location; any part may be {@code null}.
   *
   * @param module module file name
   * @param object OS/2 object number
   * @param offset offset in the object or module
   */
  public record Frame(String module, String object, String offset) {}

  /**
   * Frames as stored: {@code module|object|offset} joined by {@code ;}, absent parts empty. Neither
   * character can be in a contract name or hex number.
   */
  public static String formatFrames(List<Frame> frames) {
    StringBuilder s = new StringBuilder();
    for (Frame f : frames) {
      if (s.length() > 0) {
        s.append(';');
      }
      s.append(nz(f.module())).append('|').append(nz(f.object())).append('|');
      s.append(nz(f.offset()));
    }
    return s.toString();
  }

  /** The frames of a stored text. */
  public static List<Frame> parseFrames(String text) {
    List<Frame> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String f : text.split(";", -1)) {
      String[] p = f.split("\\|", -1);
      out.add(new Frame(part(p, 0), part(p, 1), part(p, 2)));
    }
    return out;
  }

  private static String part(String[] p, int i) {
    return i < p.length && !p[i].isEmpty() ? p[i] : null;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
