package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Samples;
import org.shimwatch.diagnostics.TextBlock;

class ConfigSysParserTests {

  @Test
  void readsTheSocketsDriverLineTrapLoggingAndPythonPath() throws Exception {
    ConfigSys c = ConfigSysParser.parse(Samples.text("os2/synthetic-config-side-before.sys"));

    assertThat(c.drivers()).containsExactly("AFOS2.SYS", "AFINET.SYS", "SOCKETS.SYS");
    assertThat(c.socketsSysOptions()).containsExactly("/uis:0");
    assertThat(c.uniqueIdProcessingOff()).isTrue();
    assertThat(c.suppressPopups()).isEqualTo("C");
    assertThat(c.mptnDllOnLibpath()).isTrue();
    assertThat(c.pythonHomeSet()).isTrue();
    assertThat(c.pythonPath())
        .containsExactly(
            "%PYTHONHOME%\\Lib\\exp-dynload",
            "%PYTHONHOME%\\Lib",
            "%PYTHONHOME%\\Lib\\plat-os2emx",
            "%PYTHONHOME%\\Lib\\lib-dynload",
            "%PYTHONHOME%\\Lib\\site-packages");
  }

  @Test
  void keepsNoDirectoryThatCouldNameAUser() throws Exception {
    ConfigSys c = ConfigSysParser.parse(Samples.text("os2/synthetic-config-side-before.sys"));

    assertThat(c.libpath())
        .containsExactly(
            ".", "...\\DLL", "...\\DLL", "...\\DLL", "...\\MDOS", "\\", "...\\PYTHON23");
    assertThat(c.toString()).doesNotContain("ALICE").doesNotContain("HOME\\");
  }

  @Test
  void ignoresRemarkedLines() throws Exception {
    ConfigSys c =
        ConfigSysParser.parse(
            "REM SET PYTHONPATH=D:\\PY\\Lib\\exp-dynload\nREM DEVICE=C:\\MPTN\\PROTOCOL\\SOCKETS.SYS\n"
                + "DEVICE=C:\\MPTN\\PROTOCOL\\AFOS2.SYS\n");

    assertThat(c.pythonPath()).isNull();
    assertThat(c.socketsSysOptions()).isNull();
    assertThat(c.drivers()).containsExactly("AFOS2.SYS");
  }

  @Test
  void expandsPythonPathInABatchFileAsTheShellWould() throws Exception {
    String batch =
        "set PYTHONPATH=D:\\PY\\Lib;D:\\PY\\Lib\\lib-dynload\n"
            + "set PYTHONPATH=D:\\PY\\Lib\\exp-dynload;%PYTHONPATH%\n";

    ConfigSys c = ConfigSysParser.parse(batch);

    assertThat(c.pythonPath())
        .containsExactly(
            "%PYTHONHOME%\\Lib\\exp-dynload",
            "%PYTHONHOME%\\Lib", "%PYTHONHOME%\\Lib\\lib-dynload");
    assertThat(c.notes()).isEmpty();
  }

  @Test
  void notesAPythonPathReferringToAValueSetElsewhere() throws Exception {
    ConfigSys c = ConfigSysParser.parse(Samples.text("os2/synthetic-bittorrent.cmd"));

    assertThat(c.pythonPath()).containsExactly("%PYTHONHOME%\\Lib\\exp-dynload");
    assertThat(c.notes())
        .anySatisfy(
            n -> {
              assertThat(n.line()).isEqualTo(4);
              assertThat(n.text()).contains("%PYTHONPATH%");
            });
  }

  @Test
  void readsASocketsLineWithoutOptionsAndNoTrapLogging() throws Exception {
    ConfigSys c = ConfigSysParser.parse(Samples.text("os2/synthetic-config-side-after.sys"));

    assertThat(c.socketsSysOptions()).isEmpty();
    assertThat(c.uniqueIdProcessingOff()).isFalse();
    assertThat(c.suppressPopups()).isNull();
    assertThat(c.summary()).contains("no SUPPRESSPOPUPS line");
  }

  @Test
  void notesASuppressPopupsWithoutADrive() throws Exception {
    ConfigSys c = ConfigSysParser.parse("SUPPRESSPOPUPS=yes please\nLIBPATH=.;C:\\OS2\\DLL\n");

    assertThat(c.suppressPopups()).isNull();
    assertThat(c.mptnDllOnLibpath()).isFalse();
    assertThat(c.notes()).anySatisfy(n -> assertThat(n.line()).isEqualTo(1));
  }

  @Test
  void boundsAPythonPathABatchFileKeepsAppendingTo() throws Exception {
    String line = "set PYTHONPATH=%PYTHONPATH%;" + "D:\\PY\\Lib\\x;".repeat(20) + "\n";

    ConfigSys c = ConfigSysParser.parse(line.repeat(500));

    assertThat(c.pythonPath()).hasSize(ConfigSysParser.MAX_PYTHONPATH_ENTRIES);
    assertThat(c.notes()).anySatisfy(n -> assertThat(n.text()).contains("cut to its first"));
  }

  @Test
  void refusesTextWithoutAnyStatement() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class,
            () -> ConfigSysParser.parse("REM nothing here\nHELLO=world\nPATH C:\\OS2\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
    assertThat(e.line()).hasValue(1);
  }

  @Test
  void aQuotedReplyWrappedAfterQuotingKeepsCommentsCommentsAndStatementsWhole() throws Exception {
    TextBlock block =
        TextBlock.of(
                "> REM\nPROTSHELL=S:\\DISK_2\\CMD.EXE\n> PROTSHELL=S:\\VBOXCID\\OS2_UTIL.EXE\n"
                    + "--tee-to-backdoor\n> SET\nOS2_SHELL=CMD.EXE\n")
            .withoutQuotePrefix();

    ConfigSys c = ConfigSysParser.parse(block);

    assertThat(c.protshell()).isEqualTo("OS2_UTIL.EXE");
    assertThat(c.setVariables()).containsExactly("OS2_SHELL");
  }

  @Test
  void aProtshellWhoseProgramWasLeftOutNamesNoShell() throws Exception {
    ConfigSys c = ConfigSysParser.parse("PROTSHELL=... ... C:\\0S2\\CMD.EXE /K OS2INIT.CMD\n");

    assertThat(c.protshell()).isNull();
  }
}
