package org.shimwatch.server.check;

import org.shimwatch.report.Environment.InstallMode;
import org.shimwatch.web.check.CheckAnswer;

/**
 * What an install layout means, in the readme's words: strategy 1 replaces the modules in {@code
 * lib-dynload}; strategy 2 puts them in a side directory before {@code lib-dynload} on {@code
 * PYTHONPATH}; a side directory after it means Python loads its own modules and the shim never
 * runs. The layout itself is judged by the contract's install-strategy analysis.
 */
final class InstallLayouts {

  private InstallLayouts() {}

  static CheckAnswer.Install of(CheckedSetup setup) {
    InstallMode mode = setup.installMode();
    if (mode == null) {
      return null;
    }
    String wire =
        switch (mode) {
          case PRELOAD -> "preload";
          case REPLACE_LIB_DYNLOAD -> "replace-lib-dynload";
          case SIDE_DIR_BEFORE_LIB_DYNLOAD -> "side-dir-before-lib-dynload";
          case SIDE_DIR_AFTER_LIB_DYNLOAD -> "side-dir-after-lib-dynload";
          case NONE -> "none";
          case UNKNOWN -> "unknown";
        };
    return switch (mode) {
      case REPLACE_LIB_DYNLOAD ->
          new CheckAnswer.Install(
              wire,
              "1",
              "strategy 1: the shim's _SOCKET.PYD and SELECT.PYD replace Python's own in"
                  + " lib-dynload, so every Python program uses the shim (the readme's choice when"
                  + " BitTorrent is the only reason Python is installed; keep a backup)",
              setup.installNotes());
      case SIDE_DIR_BEFORE_LIB_DYNLOAD ->
          new CheckAnswer.Install(
              wire,
              "2",
              "strategy 2: the shim's modules are in their own directory, before lib-dynload on"
                  + " PYTHONPATH, so Python loads them first; other Python programs can run without"
                  + " them",
              setup.installNotes());
      case SIDE_DIR_AFTER_LIB_DYNLOAD ->
          new CheckAnswer.Install(
              wire,
              "inactive",
              "the shim would not load: its directory comes after lib-dynload on PYTHONPATH, so"
                  + " Python finds its own _SOCKET.PYD and SELECT.PYD first; put the directory"
                  + " before lib-dynload (strategy 2)",
              setup.installNotes());
      case PRELOAD ->
          new CheckAnswer.Install(
              wire,
              "preload",
              "the shim is loaded into the client with LD_PRELOAD (Linux)",
              setup.installNotes());
      case NONE ->
          new CheckAnswer.Install(
              wire,
              "none",
              "no shim modules were found: install them by strategy 1 or 2",
              setup.installNotes());
      case UNKNOWN ->
          new CheckAnswer.Install(
              wire,
              "unknown",
              "the layout is not clear from what was given: paste CONFIG.SYS (or the batch file"
                  + " that sets PYTHONPATH) and a file listing showing where _SOCKET.PYD and"
                  + " SELECT.PYD are",
              setup.installNotes());
    };
  }
}
