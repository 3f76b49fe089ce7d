package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;
import org.shimwatch.report.Trap;

/**
 * One EXCEPTQ 7.x report from a {@code .TRP} file.
 *
 * @param trap the report as a trap in the contract's shape
 * @param exceptionName the exception's name as EXCEPTQ gives it, e.g. "Access Violation"
 * @param osVersion the {@code OS2/eCS Version} line, e.g. {@code 2.45} (the kernel's 20.45)
 * @param exceptqVersion the EXCEPTQ version that wrote the report
 * @param cause the {@code Cause} line, e.g. "Attempted to read from 0000000C"
 * @param loadedModules modules loaded in the process (from "DLLs accessible from this process")
 * @param unresolvedFrames call-stack rows EXCEPTQ could not put in a module, left out of frames
 * @param notes what the parser noticed
 * @param slot the thread slot ({@code Slot:} in EXCEPTQ 7.11.3 and later), or {@code null}
 * @param reportInfo the text the failing program handed EXCEPTQ, printed under the report's header
 *     ("LIBC: Killed by SIGABRT", a program version), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExceptqReport(
    Trap trap,
    String exceptionName,
    String osVersion,
    String exceptqVersion,
    String cause,
    List<LoadedModule> loadedModules,
    int unresolvedFrames,
    List<Note> notes,
    Long slot,
    String reportInfo)
    implements Artefact {

  public ExceptqReport {
    loadedModules = List.copyOf(loadedModules);
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.EXCEPTQ_REPORT;
  }

  @Override
  public List<Trap> traps() {
    return List.of(trap);
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    StringBuilder s = new StringBuilder();
    s.append(trap.exceptionCode() != null ? trap.exceptionCode() : "exception (code not shown)");
    if (exceptionName != null) {
      s.append(" (").append(exceptionName).append(')');
    }
    if (trap.process() != null && trap.process().name() != null) {
      s.append(" in ").append(trap.process().name());
    }
    if (trap.module() != null) {
      s.append(" at ").append(trap.module());
      if (trap.object() != null) {
        s.append(' ').append(trap.object()).append(':').append(trap.offset());
      }
    }
    out.add(s.toString());
    int frames = trap.frames() == null ? 0 : trap.frames().size();
    out.add(
        frames
            + " call-stack frame(s)"
            + (osVersion != null ? ", OS2/eCS version " + osVersion : "")
            + (exceptqVersion != null ? ", EXCEPTQ " + exceptqVersion : ""));
    return out;
  }
}
