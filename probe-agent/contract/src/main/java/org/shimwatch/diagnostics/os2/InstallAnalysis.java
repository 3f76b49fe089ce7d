package org.shimwatch.diagnostics.os2;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.shimwatch.diagnostics.Finding;
import org.shimwatch.report.Environment.InstallMode;

/**
 * How the shim is put in place on an OS/2 system, judged from {@code PYTHONPATH} and where {@code
 * _SOCKET.PYD} and {@code SELECT.PYD} are.
 *
 * @param mode the install strategy, {@code UNKNOWN} when the artefacts do not tell
 * @param pythonPathKnown whether {@code PYTHONPATH} was seen (in CONFIG.SYS or a batch file)
 * @param searchOrder the directories Python searches, in order: {@code PYTHONPATH}, then its own
 *     default path; all reduced
 * @param modules what was found for each module
 * @param findings the conclusions, e.g. that the shim is inactive
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstallAnalysis(
    InstallMode mode,
    boolean pythonPathKnown,
    List<String> searchOrder,
    List<ModulePlacement> modules,
    List<Finding> findings) {

  public InstallAnalysis {
    searchOrder = List.copyOf(searchOrder);
    modules = List.copyOf(modules);
    findings = List.copyOf(findings);
  }

  /**
   * Whether the artefacts said anything about the shim: where a module is, or a directory named
   * like the shim's on {@code PYTHONPATH}. A CONFIG.SYS without either says nothing about it.
   */
  public boolean hasEvidence() {
    return !modules.isEmpty() || !findings.isEmpty();
  }
}
