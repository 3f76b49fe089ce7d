package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;
import org.shimwatch.diagnostics.Samples;

/** {@code ver}, {@code inetver} and {@code BLDLEVEL}: raw text kept, versions read leniently. */
class VersionTextParsersTests {

  @Test
  void readsVerAndVerR() throws Exception {
    VerOutput plain = VerOutputParser.parse("The Operating System/2 Version is 4.00\n");
    VerOutput withRevision = VerOutputParser.parse(Samples.text("os2/synthetic-ver-r.txt"));

    assertThat(plain.version()).isEqualTo("4.00");
    assertThat(plain.revision()).isNull();
    assertThat(withRevision.version()).isEqualTo("4.50");
    assertThat(withRevision.revision()).isEqualTo("14.097_UNI");
    assertThat(withRevision.rawText())
        .isEqualTo("[C:]ver /r\n\nThe Operating System/2 Version is 4.50\nRevision 14.097_UNI");
  }

  @Test
  void refusesTextWithoutTheVersionLine() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class, () -> VerOutputParser.parse("Revision 14.097_UNI\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
  }

  @Test
  void readsStackFileVersionsFromInetver() throws Exception {
    InetverOutput out = InetverOutputParser.parse(Samples.text("os2/synthetic-inetver.txt"));

    assertThat(out.inetVersion()).isEqualTo("4.3");
    assertThat(out.components())
        .containsExactly(
            new ComponentVersion("SOCKETS.SYS", "6.3004"),
            new ComponentVersion("AFOS2.SYS", "6.3004"),
            new ComponentVersion("AFINET.SYS", "6.3004"),
            new ComponentVersion("TCPIP32.DLL", "6.3004"));
    assertThat(out.rawText()).startsWith("[C:]inetver\nInet Version: 4.3");
  }

  @Test
  void readsInetverLinesInOtherLayoutsLeniently() throws Exception {
    InetverOutput out =
        InetverOutputParser.parse("sockets.sys level 5.3007\nAFINET.SYS: version is 5.3\n");

    assertThat(out.components())
        .containsExactly(
            new ComponentVersion("sockets.sys", "5.3007"),
            new ComponentVersion("AFINET.SYS", "5.3"));
  }

  @Test
  void doesNotTakePathsOrAssignmentsForInetverLines() {
    assertThat(InetverOutputParser.isInetverLine("DEVICE=C:\\MPTN\\PROTOCOL\\SOCKETS.SYS 4.3"))
        .isFalse();
    assertThat(InetverOutputParser.isInetverLine("C:\\MPTN\\DLL\\TCPIP32.DLL")).isFalse();
    assertThat(InetverOutputParser.isInetverLine("DOSCALL1.DLL 0002:00004e24")).isFalse();
    assertThat(InetverOutputParser.isInetverLine("TCPIP32.DLL  Version: 6.3004")).isTrue();
  }

  @Test
  void refusesInetverTextWithoutAnyVersion() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class, () -> InetverOutputParser.parse("SOCKETS.SYS\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
  }

  @Test
  void readsBldlevelWithTheFileNamedOnTheCommandLine() throws Exception {
    BldlevelOutput out =
        BldlevelOutputParser.parse(Samples.text("os2/synthetic-bldlevel-tcpip32.txt"));

    assertThat(out.modules())
        .containsExactly(
            new BuildLevel(
                "tcpip32.dll",
                "IBM",
                "6.3004",
                "TCP/IP Sockets 32-bit",
                "12 Oct 2004 11:52:31",
                null,
                "IBM-DEV1",
                null,
                "EN",
                "US",
                null));
    assertThat(out.rawText()).contains("Signature:").contains("Build Machine:");
  }

  @Test
  void readsSeveralBldlevelRunsAndASignatureAlone() throws Exception {
    String text =
        "Signature:       @#IBM:6.3004#@##1## 12 Oct 2004     IBM-DEV1::EN:US:0:U:@@AF_INET\n"
            + "Signature: @#IBM:6.3005#@ SOCKETS.SYS@@Sockets driver\n"
            + "Vendor: IBM\n";

    BldlevelOutput out = BldlevelOutputParser.parse(text);

    assertThat(out.modules()).extracting(BuildLevel::version).containsExactly("6.3004", "6.3005");
    assertThat(out.modules())
        .extracting(BuildLevel::description)
        .containsExactly("AF_INET", "Sockets driver");
  }

  @Test
  void keepsRawTextWithoutTheDirectoriesOfPromptsAndPaths() throws Exception {
    BldlevelOutput out =
        BldlevelOutputParser.parse(
            "[D:\\HOME\\ALICE\\PY23]bldlevel d:\\home\\alice\\py23\\lib\\_socket.pyd\n"
                + "Signature: @#AMI:2004-02#@##1## 1 Feb 2004  ::::::@@Python 2.3 socket shim\n"
                + "Description: TCP/IP sockets, Date/Time: 02/01/2004\n");
    VerOutput ver =
        VerOutputParser.parse(
            "[D:\\HOME\\ALICE]ver /r\nThe Operating System/2 Version is 4.50\n"
                + "see C:\\OS2\\BOOT for details\n");

    assertThat(out.rawText())
        .startsWith("[D:]bldlevel d:\\...\\_socket.pyd\n")
        .contains("TCP/IP sockets, Date/Time: 02/01/2004")
        .doesNotContainIgnoringCase("alice");
    assertThat(out.modules().get(0).fileName()).isEqualTo("_socket.pyd");
    assertThat(ver.rawText())
        .isEqualTo("[D:]ver /r\nThe Operating System/2 Version is 4.50\nsee C:\\... for details");
  }

  @Test
  void refusesBldlevelTextWithoutAnyField() {
    ArtefactParseException e =
        catchThrowableOfType(
            ArtefactParseException.class,
            () -> BldlevelOutputParser.parse("[C:\\]bldlevel x.dll\nSYS0002: file not found\n"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_RECOGNIZED);
  }

  @Test
  void bldlevelReadsTheExtendedSignatureAndTheLinesOfBldlevel612() throws Exception {
    BldlevelOutput out =
        BldlevelOutputParser.parse(
            "Signature: @#SLAInc:0.01.2a#@##1## 11/25/2003 12:00:00 SLAMain:ASD:EN:US:3:U:8101@@"
                + " Sample\nVendor: SLAInc\nFile Version:    0.1.3\n");

    BuildLevel m = out.modules().get(0);
    assertThat(m.buildMachine()).isEqualTo("SLAMain");
    assertThat(m.asdFeatureId()).isEqualTo("ASD");
    assertThat(m.languageCode()).isEqualTo("EN");
    assertThat(m.countryCode()).isEqualTo("US");
    assertThat(m.fixpakVersion()).isEqualTo("8101");
    assertThat(m.date()).isEqualTo("11/25/2003 12:00:00");
    assertThat(m.fileVersion()).isEqualTo("0.1.3");
  }

  @Test
  void bldlevelJoinsAFieldAMailClientWrappedAndNeverTakesACutSignatureForADescription()
      throws Exception {
    BldlevelOutput out =
        BldlevelOutputParser.parse(
            "Signature:       @#Mimikri\nVendor:          Mimikri\nSoftware\n"
                + "Uniprocessor only\n");

    BuildLevel m = out.modules().get(0);
    assertThat(m.vendor()).isEqualTo("Mimikri Software");
    assertThat(m.description()).isNull();
  }
}
