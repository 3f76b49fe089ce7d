package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Samples;

class FileListingParserTests {

  @Test
  void readsWhereTheShimsModulesAreFromDirOutput() throws Exception {
    FileListing l = FileListingParser.parse(Samples.text("os2/synthetic-dir-exp-dynload.txt"));

    assertThat(l.files())
        .containsExactly(
            new ListedFile("_SOCKET.PYD", "%PYTHONHOME%\\Lib\\exp-dynload"),
            new ListedFile("SELECT.PYD", "%PYTHONHOME%\\Lib\\exp-dynload"));
    assertThat(l.otherFiles()).isEqualTo(1);
    assertThat(l.toString()).doesNotContain("ALICE").doesNotContain("readme");
  }

  @Test
  void readsAListOfFullPaths() throws Exception {
    FileListing l =
        FileListingParser.parse(
            "C:\\MPTN\\DLL\\TCPIP32.DLL\nD:\\PY\\Lib\\lib-dynload\\_socket.pyd\n"
                + "D:\\Users\\bob\\secret-project\\notes.dll\n");

    assertThat(l.files())
        .containsExactly(
            new ListedFile("TCPIP32.DLL", "...\\DLL"),
            new ListedFile("_SOCKET.PYD", "%PYTHONHOME%\\Lib\\lib-dynload"));
    assertThat(l.otherFiles()).isEqualTo(1);
    assertThat(l.toString()).doesNotContain("bob").doesNotContain("secret");
  }

  @Test
  void notesAListingWithoutAnyFileOfInterest() throws Exception {
    FileListing l =
        FileListingParser.parse(" Directory of C:\\OS2\n\n 3-08-04 9:12p 100 0 a.txt\n");

    assertThat(l.files()).isEmpty();
    assertThat(l.notes()).hasSize(1);
  }

  @Test
  void refusesTextThatIsNoListing() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class, () -> FileListingParser.parse("_socket.pyd\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
  }
}
