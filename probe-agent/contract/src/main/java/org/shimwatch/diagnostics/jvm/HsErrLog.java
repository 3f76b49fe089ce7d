package org.shimwatch.diagnostics.jvm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;
import org.shimwatch.report.Trap;

/**
 * A JVM crash file ({@code hs_err_pid*.log}), as {@link HsErrLogParser} read it. The command line,
 * environment variables, library paths and core dump location it also holds are not kept: they name
 * users and directories.
 *
 * @param trap the crash as a trap in the contract's shape; {@code faultAddress} is the program
 *     counter ({@code pc=}), as OS/2 sources give the faulting instruction
 * @param headline the crash line, e.g. {@code SIGSEGV (0xb) at pc=0x00007f..., pid=1, tid=2}
 * @param runtimeName the runtime, e.g. "OpenJDK Runtime Environment"
 * @param runtimeVersion its version, e.g. {@code 17.0.15+6}
 * @param vmInfo the "Java VM" line, e.g. "OpenJDK 64-Bit Server VM (17.0.15+6, mixed mode, ...)"
 * @param siCodeName the signal's code name, e.g. {@code SEGV_MAPERR}
 * @param siAddress the address the signal reports ({@code si_addr})
 * @param osFamily the contract's OS family from {@code uname} or {@code OS:}, e.g. {@code linux}
 * @param osName the OS name, e.g. "Debian GNU/Linux 12 (bookworm)"
 * @param kernelRelease the kernel release from {@code uname}
 * @param machine the machine from {@code uname}, e.g. {@code x86_64}
 * @param notes what the parser noticed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HsErrLog(
    Trap trap,
    String headline,
    String runtimeName,
    String runtimeVersion,
    String vmInfo,
    String siCodeName,
    String siAddress,
    String osFamily,
    String osName,
    String kernelRelease,
    String machine,
    List<Note> notes)
    implements Artefact {

  public HsErrLog {
    notes = List.copyOf(notes);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.HS_ERR_LOG;
  }

  @Override
  public List<Trap> traps() {
    return List.of(trap);
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    StringBuilder s = new StringBuilder();
    if (trap.signal() != null) {
      s.append(trap.signal());
    } else if (trap.exceptionCode() != null) {
      s.append("exception ").append(trap.exceptionCode());
    } else {
      s.append(headline != null ? headline : "JVM crash");
    }
    if (trap.module() != null) {
      s.append(" in ").append(trap.module());
      if (trap.offset() != null) {
        s.append('+').append(trap.offset());
      }
    }
    if (trap.frames() != null
        && !trap.frames().isEmpty()
        && trap.frames().get(0).symbol() != null) {
      s.append(" (").append(trap.frames().get(0).symbol()).append(')');
    }
    out.add(s.toString());
    StringBuilder r = new StringBuilder();
    r.append(runtimeName != null ? runtimeName : "JVM");
    if (runtimeVersion != null) {
      r.append(' ').append(runtimeVersion);
    }
    if (osName != null) {
      r.append(" on ").append(osName);
    }
    int frames = trap.frames() == null ? 0 : trap.frames().size();
    r.append(", ").append(frames).append(" frame(s)");
    out.add(r.toString());
    return out;
  }
}
