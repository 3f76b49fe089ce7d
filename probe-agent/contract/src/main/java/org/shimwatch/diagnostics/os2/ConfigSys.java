package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.shimwatch.diagnostics.Artefact;
import org.shimwatch.diagnostics.ArtefactKind;
import org.shimwatch.diagnostics.Note;

/**
 * What CONFIG.SYS (or a batch file that starts the client) says about the stack, trap logging and
 * Python. Directories are reduced by {@link Os2Paths#reduce}: no full path is kept.
 *
 * @param drivers file names of the {@code DEVICE=} and {@code BASEDEV=} drivers, in order
 * @param socketsSysOptions options on the {@code SOCKETS.SYS} line (e.g. {@code /uis:0}), or {@code
 *     null} when there is no such line
 * @param suppressPopups the drive of {@code SUPPRESSPOPUPS=}, where POPUPLOG.OS2 is written, or
 *     {@code null} when it is not set
 * @param libpath {@code LIBPATH} directories, each reduced to its last component, or {@code null}
 * @param mptnDllOnLibpath whether {@code LIBPATH} holds {@code \MPTN\DLL}, where the 32-bit stack
 *     keeps TCPIP32.DLL; {@code null} without a {@code LIBPATH} line
 * @param pythonPath {@code PYTHONPATH} directories in order, reduced; {@code null} when not set
 * @param pythonHomeSet whether {@code PYTHONHOME} is set
 * @param notes what the parser noticed
 * @param fileSystems file names of the {@code IFS=} drivers, in order (e.g. {@code HPFS.IFS})
 * @param protshell the file name of the {@code PROTSHELL=} program, or {@code null}
 * @param setVariables names of the variables {@code SET} lines set, in order, without their values
 *     (values hold paths)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigSys(
    List<String> drivers,
    List<String> socketsSysOptions,
    String suppressPopups,
    List<String> libpath,
    Boolean mptnDllOnLibpath,
    List<String> pythonPath,
    boolean pythonHomeSet,
    List<Note> notes,
    List<String> fileSystems,
    String protshell,
    List<String> setVariables)
    implements Artefact {

  public ConfigSys {
    drivers = List.copyOf(drivers);
    socketsSysOptions = socketsSysOptions == null ? null : List.copyOf(socketsSysOptions);
    libpath = libpath == null ? null : List.copyOf(libpath);
    pythonPath = pythonPath == null ? null : List.copyOf(pythonPath);
    notes = List.copyOf(notes);
    fileSystems = fileSystems == null ? List.of() : List.copyOf(fileSystems);
    setVariables = setVariables == null ? List.of() : List.copyOf(setVariables);
  }

  /**
   * Whether {@code SOCKETS.SYS} runs with {@code /uis:0}, which turns off select()'s unique ids.
   */
  public boolean uniqueIdProcessingOff() {
    return socketsSysOptions != null
        && socketsSysOptions.stream().anyMatch(o -> o.replace(" ", "").equalsIgnoreCase("/uis:0"));
  }

  @Override
  public ArtefactKind kind() {
    return ArtefactKind.CONFIG_SYS;
  }

  @Override
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    if (socketsSysOptions != null) {
      out.add(
          "SOCKETS.SYS loaded"
              + (socketsSysOptions.isEmpty()
                  ? " without options"
                  : " with " + String.join(" ", socketsSysOptions)));
    } else if (!drivers.isEmpty()) {
      out.add("no SOCKETS.SYS line among " + drivers.size() + " drivers");
    }
    if (suppressPopups != null) {
      out.add("SUPPRESSPOPUPS=" + suppressPopups + ": traps are logged to POPUPLOG.OS2");
    } else if (!drivers.isEmpty() || libpath != null) {
      out.add("no SUPPRESSPOPUPS line");
    }
    if (pythonPath != null) {
      out.add("PYTHONPATH: " + (pythonPath.isEmpty() ? "(empty)" : String.join(";", pythonPath)));
    }
    return out;
  }
}
