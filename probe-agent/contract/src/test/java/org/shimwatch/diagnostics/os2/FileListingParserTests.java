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
            new ListedFile(
                "_SOCKET.PYD", "%PYTHONHOME%\\Lib\\exp-dynload", 45312L, "2-29-04", "7:40p"),
            new ListedFile(
                "SELECT.PYD", "%PYTHONHOME%\\Lib\\exp-dynload", 21504L, "2-29-04", "7:40p"));
    assertThat(l.otherFiles()).isEqualTo(1);
    // readme.txt is no module: no date kept for it.
    assertThat(l.otherModuleDates()).isEmpty();
    assertThat(l.toString()).doesNotContain("ALICE").doesNotContain("readme");
  }

  @Test
  void keepsTheDatesOfPythonsOtherModulesButNotTheirNames() throws Exception {
    FileListing l =
        FileListingParser.parse(Samples.text("os2/synthetic-dir-lib-dynload-stock.txt"));

    assertThat(l.files())
        .extracting(ListedFile::fileName, ListedFile::date, ListedFile::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("_SOCKET.PYD", "1-12-04", 45312L),
            org.assertj.core.groups.Tuple.tuple("SELECT.PYD", "1-12-04", 21504L));
    assertThat(l.otherModuleDates())
        .containsOnlyKeys("%PYTHONHOME%\\Lib\\lib-dynload")
        .containsValue(java.util.List.of("1-12-04", "1-12-04", "1-12-04", "1-12-04"));
    assertThat(l.toString()).doesNotContain("pyexpat");
  }

  @Test
  void readsA4os2ListingWithThousandsSeparatorsAndFourDigitYears() throws Exception {
    FileListing l =
        FileListingParser.parse(
            " Directory of D:\\PYTHON23\\Lib\\lib-dynload\n\n"
                + " 2004-02-29  19:40      45,312  _socket.pyd\n"
                + " 2004-01-12  15:10      30,208  zlib.pyd\n");

    assertThat(l.files())
        .containsExactly(
            new ListedFile(
                "_SOCKET.PYD", "%PYTHONHOME%\\Lib\\lib-dynload", 45312L, "2004-02-29", "19:40"));
    assertThat(l.otherModuleDates().values()).containsExactly(java.util.List.of("2004-01-12"));
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
