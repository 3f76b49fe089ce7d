package org.shimwatch.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a report comes from: operating system, TCP/IP stack, fixes, runtime, client and shim.
 *
 * @param os the operating system; its family is always known
 * @param stack the TCP/IP stack, or {@code null} when unknown
 * @param fixes service applied to the stack and system, as a set (no duplicates), or {@code null}
 * @param runtime the client's language runtime, or {@code null}
 * @param client the network client; its name is always known
 * @param shim the shim and how it was installed, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Environment(
    Os os, Stack stack, List<Fix> fixes, Runtime runtime, Client client, Shim shim) {

  public Environment {
    fixes = fixes == null ? null : List.copyOf(fixes);
  }

  /**
   * Operating system.
   *
   * @param family linux, os2, windows, macos, bsd or other
   * @param name product or distribution name, e.g. "eComStation"
   * @param version product version, e.g. "1.2" or "12"
   * @param revision kernel release (Linux) or kernel internal revision (OS/2)
   * @param machine hardware name, e.g. "x86_64"
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Os(String family, String name, String version, String revision, String machine) {}

  /**
   * TCP/IP stack.
   *
   * @param name "linux" for the kernel's stack, "os2-tcpip" for IBM TCP/IP
   * @param version e.g. "4.3" or a kernel release
   * @param level the raw service level the version was read from, e.g. "UN02200"
   * @param components stack parts found, e.g. TCPIP32.DLL
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Stack(String name, String version, String level, List<Component> components) {
    public Stack {
      components = components == null ? null : List.copyOf(components);
    }
  }

  /**
   * A part of the stack.
   *
   * @param name file or component name, e.g. "TCPIP32.DLL"
   * @param version its version when known
   * @param present whether it was found (false records a missing prerequisite)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Component(String name, String version, Boolean present) {}

  /**
   * One fix applied to the stack or system.
   *
   * @param kind csd, fixpak, newstack, package or other
   * @param id e.g. "UN02200", "XR0M006", "libc6"
   * @param version e.g. a package version
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Fix(String kind, String id, String version) {}

  /**
   * Language runtime, e.g. EMX Python 2.3.3.
   *
   * @param name runtime name
   * @param version runtime version
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Runtime(String name, String version) {}

  /**
   * Network client, e.g. BitTorrent 3.4.2 or aria2c 1.36.0.
   *
   * @param name client name
   * @param version client version
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Client(String name, String version) {}

  /**
   * The shim.
   *
   * @param version shim version
   * @param installMode how it was put in place
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Shim(String version, InstallMode installMode) {}

  /** How the shim was put in place. */
  public enum InstallMode {
    /** Loaded with LD_PRELOAD (Linux). */
    @JsonProperty("preload")
    PRELOAD,
    /** The stock modules in lib-dynload were replaced by the shim's. */
    @JsonProperty("replace-lib-dynload")
    REPLACE_LIB_DYNLOAD,
    /** The shim's directory comes before lib-dynload on PYTHONPATH: the shim is active. */
    @JsonProperty("side-dir-before-lib-dynload")
    SIDE_DIR_BEFORE_LIB_DYNLOAD,
    /** The shim's directory comes after lib-dynload: the stock modules load, the shim is not. */
    @JsonProperty("side-dir-after-lib-dynload")
    SIDE_DIR_AFTER_LIB_DYNLOAD,
    /** No shim. */
    @JsonProperty("none")
    NONE,
    /** Not known. */
    @JsonProperty("unknown")
    UNKNOWN;

    /** Whether a run in this mode actually went through the shim. */
    public boolean shimActive() {
      return this == PRELOAD || this == REPLACE_LIB_DYNLOAD || this == SIDE_DIR_BEFORE_LIB_DYNLOAD;
    }
  }
}
