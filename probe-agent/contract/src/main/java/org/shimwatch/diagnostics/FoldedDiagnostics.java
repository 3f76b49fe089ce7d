package org.shimwatch.diagnostics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.shimwatch.diagnostics.os2.InstallAnalysis;
import org.shimwatch.diagnostics.os2.StackLevels;
import org.shimwatch.report.Environment;
import org.shimwatch.report.Trap;

/**
 * Several artefacts folded together by {@link DiagnosticsFold}: the best-effort environment they
 * describe, every trap they record and the conclusions they support.
 *
 * @param environment OS, stack, fixes, runtime and shim, in the contract's shape, or {@code null}
 *     when no artefact says anything about them. Its client is always {@code null}: no artefact
 *     names the network client, so the caller (the CLI, the server's form) adds it with {@link
 *     #environmentFor}; without one the environment does not yet pass the contract.
 * @param install the shim's install analysis, or {@code null} without OS/2 Python evidence
 * @param traps every trap, in the contract's shape, in the order of the artefacts (at most the
 *     contract's 64)
 * @param findings plain-language conclusions, most serious first
 * @param conflicts facts the artefacts disagree about; until the user chooses, the environment
 *     holds the value of the last artefact given, and a report must not be made from it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FoldedDiagnostics(
    Environment environment,
    InstallAnalysis install,
    List<Trap> traps,
    List<Finding> findings,
    List<Conflict> conflicts) {

  public FoldedDiagnostics {
    traps = List.copyOf(traps);
    findings = List.copyOf(findings);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }

  /** Folded artefacts that agree with each other. */
  public FoldedDiagnostics(
      Environment environment, InstallAnalysis install, List<Trap> traps, List<Finding> findings) {
    this(environment, install, traps, findings, List.of());
  }

  /**
   * The conflicts these choices leave open: those without a choice, or with a value none of the
   * artefacts gave.
   *
   * @param choices the user's choices by {@link Conflict#field}
   */
  public List<Conflict> unresolved(Map<String, String> choices) {
    List<Conflict> out = new ArrayList<>();
    for (Conflict c : conflicts) {
      if (!c.allows(choices.get(c.field()))) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The environment with the network client filled in and the user's choices applied where the
   * artefacts disagree.
   *
   * @throws IllegalArgumentException when a conflict is left without a valid choice ({@link
   *     #unresolved})
   */
  public Environment environmentFor(Environment.Client client, Map<String, String> choices) {
    List<Conflict> open = unresolved(choices);
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("choose first: " + open.get(0).describe());
    }
    Environment e = environmentFor(client);
    if (e == null) {
      return null;
    }
    Environment.Os os = e.os();
    Environment.Stack stack = e.stack();
    Environment.Runtime runtime = e.runtime();
    List<Environment.Fix> fixes = e.fixes();
    for (Conflict c : conflicts) {
      String v = choices.get(c.field());
      switch (c.field()) {
        case Conflict.STACK_LEVEL:
          String version = StackLevels.tcpipVersionOf(v);
          stack =
              new Environment.Stack(
                  stack == null ? "os2-tcpip" : stack.name(),
                  version != null ? version : stack == null ? null : stack.version(),
                  v,
                  stack == null ? null : stack.components());
          // The level not chosen is not a fix of this system either.
          if (fixes != null) {
            fixes =
                fixes.stream()
                    .filter(
                        f ->
                            !(f.kind().equals("csd")
                                && !f.id().equalsIgnoreCase(v)
                                && c.allows(f.id().toUpperCase(java.util.Locale.ROOT))))
                    .toList();
          }
          break;
        case Conflict.OS_VERSION:
          os = new Environment.Os(os.family(), os.name(), v, os.revision(), os.machine());
          break;
        case Conflict.RUNTIME_VERSION:
          runtime = new Environment.Runtime(runtime == null ? "Python" : runtime.name(), v);
          break;
        default:
          break;
      }
    }
    return new Environment(
        os, stack, fixes == null || fixes.isEmpty() ? null : fixes, runtime, e.client(), e.shim());
  }

  /**
   * The environment with the network client filled in, ready for a report; {@code null} when no
   * artefact described an environment.
   */
  public Environment environmentFor(Environment.Client client) {
    if (environment == null) {
      return null;
    }
    return new Environment(
        environment.os(),
        environment.stack(),
        environment.fixes(),
        environment.runtime(),
        client,
        environment.shim());
  }

  /** A few lines of plain text: the environment, the traps and the findings. */
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    if (environment != null) {
      Environment.Os os = environment.os();
      StringBuilder s = new StringBuilder("OS: ");
      s.append(os.name() != null ? os.name() : os.family());
      if (os.version() != null) {
        s.append(' ').append(os.version());
      }
      if (os.revision() != null) {
        s.append(", revision ").append(os.revision());
      }
      out.add(s.toString());
      Environment.Stack stack = environment.stack();
      if (stack != null) {
        StringBuilder t = new StringBuilder("TCP/IP stack: ");
        t.append(stack.version() != null ? stack.version() : "version not known");
        if (stack.level() != null) {
          t.append(" (").append(stack.level()).append(')');
        }
        if (stack.components() != null && !stack.components().isEmpty()) {
          t.append("; ")
              .append(
                  stack.components().stream()
                      .map(FoldedDiagnostics::describe)
                      .collect(Collectors.joining(", ")));
        }
        out.add(t.toString());
      }
      if (environment.fixes() != null && !environment.fixes().isEmpty()) {
        out.add(
            "fixes: "
                + environment.fixes().stream()
                    .map(
                        f ->
                            f.kind()
                                + " "
                                + f.id()
                                + (f.version() != null ? " " + f.version() : ""))
                    .collect(Collectors.joining(", ")));
      }
      if (environment.runtime() != null) {
        out.add(
            "runtime: "
                + environment.runtime().name()
                + (environment.runtime().version() != null
                    ? " " + environment.runtime().version()
                    : ""));
      }
      if (environment.shim() != null) {
        Environment.InstallMode mode = environment.shim().installMode();
        out.add(
            "shim install: "
                + (mode == Environment.InstallMode.NONE
                    ? "not installed"
                    : mode == Environment.InstallMode.UNKNOWN
                        ? "cannot tell"
                        : mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                + (environment.shim().version() != null
                    ? ", shim version " + environment.shim().version()
                    : ""));
      }
    }
    if (!traps.isEmpty()) {
      out.add(traps.size() + " trap(s)");
    }
    for (Conflict c : conflicts) {
      out.add("[choose] the artefacts disagree on the " + c.describe());
    }
    for (Finding f : findings) {
      out.add(f.describe());
    }
    return out;
  }

  private static String describe(Environment.Component c) {
    String s = c.name();
    if (c.version() != null) {
      s += " " + c.version();
    }
    if (Boolean.FALSE.equals(c.present())) {
      s += " missing";
    } else if (Boolean.TRUE.equals(c.present()) && c.version() == null) {
      s += " present";
    }
    return s;
  }
}
