package org.shimwatch.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.shimwatch.diagnostics.ArtefactParseException.Reason;

class TextBlockTests {

  @Test
  void splitsOnCrlfLfAndCrAlikeAndNumbersLinesFromOne() throws Exception {
    TextBlock b = TextBlock.of("one\r\ntwo\nthree\rfour");

    assertThat(b.size()).isEqualTo(4);
    assertThat(b.line(2)).isEqualTo("three");
    assertThat(b.number(3)).isEqualTo(4);
    assertThat(b.text()).isEqualTo("one\ntwo\nthree\nfour");
  }

  @Test
  void slicesKeepTheirLineNumbersInTheWholeInput() throws Exception {
    TextBlock b = TextBlock.of("a\nb\nc\nd\n").slice(2, 4);

    assertThat(b.line(0)).isEqualTo("c");
    assertThat(b.number(0)).isEqualTo(3);
  }

  @Test
  void dropsCtrlZAndAByteOrderMark() throws Exception {
    byte[] withBom = "\uFEFFREM x\r\nLIBPATH=.\r\n\u001a".getBytes(StandardCharsets.UTF_8);

    TextBlock b = TextBlock.decode(withBom);

    assertThat(b.size()).isEqualTo(2);
    assertThat(b.line(0)).isEqualTo("REM x");
  }

  @Test
  void readsTheNoBreakSpacesOfTextCopiedFromAWebPageAsBlanks() throws Exception {
    TextBlock b = TextBlock.of("Revision:\u00a0\u00a0\u00a09.23\nDescription: IBM\u00a0OS/2");

    assertThat(b.line(0)).isEqualTo("Revision:   9.23");
    assertThat(b.line(1)).isEqualTo("Description: IBM OS/2");
  }

  @Test
  void readsBytesThatAreNotUtf8AsAnEightBitCodePage() throws Exception {
    byte[] cp850 = {'T', 'i', 't', 'l', 'e', ' ', (byte) 0x82, '\r', '\n'};

    assertThat(TextBlock.decode(cp850).line(0)).startsWith("Title ").hasSize(7);
  }

  @Test
  void refusesBinaryBytesAtTheOffsetOfTheFirstOne() {
    byte[] bytes = "ok so far\n\u0000binary".getBytes(StandardCharsets.ISO_8859_1);

    ArtefactParseException e =
        catchThrowableOfType(ArtefactParseException.class, () -> TextBlock.decode(bytes));

    assertThat(e.reason()).isEqualTo(Reason.BINARY);
    assertThat(e.offset()).hasValue(10);
  }

  @Test
  void refusesControlCharactersInTextAtTheirLine() {
    ArtefactParseException e =
        catchThrowableOfType(ArtefactParseException.class, () -> TextBlock.of("a\r\nb\nc\u0007\n"));

    assertThat(e.reason()).isEqualTo(Reason.BINARY);
    assertThat(e.line()).hasValue(3);
  }

  @Test
  void refusesEmptyBlankAndOversizedInput() {
    assertThat(reason(new byte[0])).isEqualTo(Reason.EMPTY);
    assertThat(reason(" \r\n\t\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.EMPTY);
    byte[] big = new byte[TextBlock.MAX_BYTES + 1];
    Arrays.fill(big, (byte) 'a');
    assertThat(reason(big)).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void cutsPathologicallyLongLines() throws Exception {
    TextBlock b = TextBlock.of("x".repeat(TextBlock.MAX_LINE_CHARS * 3) + "\nnext");

    assertThat(b.line(0)).hasSize(TextBlock.MAX_LINE_CHARS);
    assertThat(b.line(1)).isEqualTo("next");
  }

  private static Reason reason(byte[] bytes) {
    return catchThrowableOfType(ArtefactParseException.class, () -> TextBlock.decode(bytes))
        .reason();
  }

  @Test
  void aReplyWrappedAfterQuotingLosesItsMarksAndKnowsItsWrappedRests() throws Exception {
    TextBlock block =
        TextBlock.of(
                "> REM\nPROTSHELL=CMD.EXE\n> PROTSHELL=S:\\OS2_UTIL.EXE\n--tee\n\nMy own words\n")
            .withoutQuotePrefix();

    assertThat(block.line(0)).isEqualTo("REM");
    assertThat(block.isContinuation(1)).isTrue();
    assertThat(block.line(2)).isEqualTo("PROTSHELL=S:\\OS2_UTIL.EXE");
    assertThat(block.isContinuation(2)).isFalse();
    assertThat(block.isContinuation(3)).isTrue();
    assertThat(block.isContinuation(5)).as("a paragraph of the writer's own").isFalse();
    assertThat(block.slice(3, 6).isContinuation(0)).as("slices keep the marks").isTrue();
  }

  @Test
  void aTextNotStartingWithAQuoteHasNoWrappedRests() throws Exception {
    TextBlock block = TextBlock.of("LIBPATH=.;C:\\OS2\n> not a reply\nrest\n").withoutQuotePrefix();

    assertThat(block.line(1)).isEqualTo("> not a reply");
    assertThat(block.isContinuation(2)).isFalse();
  }
}
