package org.shimwatch.diagnostics;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of artefact Shimwatch reads, each with a stable name for JSON and the CLI. */
public enum ArtefactKind {
  /**
   * A binary OS/2 SYSLEVEL file ({@code SYSLEVEL.OS2}, {@code .FPK}, {@code .ECS}, {@code .TCP}).
   */
  @JsonProperty("syslevel-file")
  SYSLEVEL_FILE("SYSLEVEL file"),
  /** The output of the OS/2 {@code syslevel} command. */
  @JsonProperty("syslevel-output")
  SYSLEVEL_OUTPUT("syslevel output"),
  /** Entries of {@code POPUPLOG.OS2}. */
  @JsonProperty("popuplog")
  POPUPLOG("POPUPLOG.OS2"),
  /** An OS/2 kernel trap screen, copied by hand. */
  @JsonProperty("trap-screen")
  TRAP_SCREEN("kernel trap screen"),
  /** An EXCEPTQ 7.x {@code .TRP} report. */
  @JsonProperty("exceptq-report")
  EXCEPTQ_REPORT("EXCEPTQ report"),
  /** The output of {@code ver} or {@code ver /r}. */
  @JsonProperty("ver-output")
  VER_OUTPUT("ver output"),
  /** The output of the TCP/IP {@code inetver} command. */
  @JsonProperty("inetver-output")
  INETVER_OUTPUT("inetver output"),
  /** The output of {@code BLDLEVEL}. */
  @JsonProperty("bldlevel-output")
  BLDLEVEL_OUTPUT("BLDLEVEL output"),
  /** {@code CONFIG.SYS} lines (or a batch file setting {@code PYTHONPATH}). */
  @JsonProperty("config-sys")
  CONFIG_SYS("CONFIG.SYS"),
  /** A {@code dir} listing or a list of paths showing where files are. */
  @JsonProperty("file-listing")
  FILE_LISTING("file listing"),
  /** A JVM crash file, {@code hs_err_pid*.log}. */
  @JsonProperty("hs-err-log")
  HS_ERR_LOG("JVM crash file"),
  /** Python's start-up banner ({@code Python 2.3.3 (#0, ...) [EMX GCC 2.8.1] on os2emx}). */
  @JsonProperty("python-banner")
  PYTHON_BANNER("Python start-up banner"),
  /** Text no parser recognized. */
  @JsonProperty("unknown")
  UNKNOWN("unrecognized text");

  private final String title;

  ArtefactKind(String title) {
    this.title = title;
  }

  /** A short name for people, e.g. "kernel trap screen". */
  public String title() {
    return title;
  }
}
