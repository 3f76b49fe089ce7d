package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;
import org.shimwatch.report.Trap;

/**
 * An OS/2 kernel trap screen, as a user copied it by hand from the halted machine.
 *
 * @param trap the screen as a trap in the contract's shape
 * @param deviceDriver whether the screen blamed a device driver ({@code Exception in device
 *     driver:}) rather than a module
 * @param detectedAt where the kernel detected the error ({@code ##ssss:oooooooo}), as {@code
 *     ssss:oooooooo}; the kernel's own panic site, not the faulting instruction
 * @param detectedAtObjectOffset the same place as object:offset in the kernel ({@code 000e:c3f3})
 * @param internalCodes the numbers the screen prints after the location, as written
 * @param notes what the parser noticed
 * @param errorCode the error code of the {@code TRAP} line ({@code ERRCD=0002}), as shown
 * @param codeAddress the faulting instruction as selector:offset: {@code CS:EIP} on 32-bit screens
 *     ({@code 0168:fff3cd2e}), {@code CS} and {@code IP} on 16-bit ones ({@code 0df0:2716})
 * @param revisionDate the date printed after the revision on older kernels ({@code 94/11/07})
 * @param messages lines of text the screen adds that are not part of the fixed layout, such as a
 *     driver's own message ("FAT32:FSH_FORCENOSWAP on DATA Segment failed, rc=8")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrapScreen(
    Trap trap,
    boolean deviceDriver,
    String detectedAt,
    String detectedAtObjectOffset,
    List<String> internalCodes,
    List<Note> notes,
    String errorCode,
    String codeAddress,
    String revisionDate,
    List<String> messages)
    implements Artefact {

  public TrapScreen {
    internalCodes = List.copyOf(internalCodes);
    notes = List.copyOf(notes);
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.TRAP_SCREEN;
  }

  @Override
  public List<Trap> traps() {
    return List.of(trap);
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    StringBuilder s = new StringBuilder();
    if (trap.trapNumber() != null) {
      s.append("TRAP ")
          .append(trap.trapNumber())
          .append(" (")
          .append(Os2Codes.trapName(trap.trapNumber()))
          .append(')');
    } else {
      s.append("trap (number not shown)");
    }
    if (trap.module() != null) {
      s.append(deviceDriver ? " in device driver " : " in module ").append(trap.module());
    } else {
      s.append(", module not shown");
    }
    if (trap.faultAddress() != null) {
      s.append(" at EIP ").append(trap.faultAddress());
    }
    out.add(s.toString());
    out.add(
        (trap.revision() != null ? "kernel revision " + trap.revision() : "no kernel revision")
            + (trap.registers() != null
                ? ", " + trap.registers().size() + " registers"
                : ", no register dump"));
    return out;
  }
}
