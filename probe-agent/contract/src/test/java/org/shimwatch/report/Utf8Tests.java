package org.shimwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Tests {

  @Test
  void acceptsWellFormedTextOfEveryLength() {
    String text = "plain ascii, é ü, €, 中文, and 😀 from beyond the basic plane";
    assertThat(Utf8.firstMalformed(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(Utf8.firstMalformed(new byte[0])).isEqualTo(-1);
    StringBuilder every = new StringBuilder();
    for (int cp = 0; cp <= 0x10FFFF; cp += 97) {
      if (cp < 0xD800 || cp > 0xDFFF) {
        every.appendCodePoint(cp);
      }
    }
    every.appendCodePoint(0x10FFFF).appendCodePoint(0x7FF).appendCodePoint(0x800);
    assertThat(Utf8.firstMalformed(every.toString().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(-1);
  }

  @Test
  void findsOverlongFormsSurrogatesAndCutSequences() {
    assertThat(Utf8.firstMalformed(bytes(0x41, 0xC0, 0xAF))).isEqualTo(1); // overlong '/'
    assertThat(Utf8.firstMalformed(bytes(0xE0, 0x80, 0xAF))).isEqualTo(0); // overlong '/'
    assertThat(Utf8.firstMalformed(bytes(0x41, 0x42, 0xED, 0xA0, 0x80))).isEqualTo(2); // surrogate
    assertThat(Utf8.firstMalformed(bytes(0xF4, 0x90, 0x80, 0x80))).isEqualTo(0); // > U+10FFFF
    assertThat(Utf8.firstMalformed(bytes(0x41, 0xE2, 0x82))).isEqualTo(1); // cut at the end
    assertThat(Utf8.firstMalformed(bytes(0x80))).isEqualTo(0); // lone continuation
    assertThat(Utf8.firstMalformed(bytes(0xFF, 0x41))).isEqualTo(0);
  }

  /** The JDK's strict decoder is the reference: same verdict and same place, on any bytes. */
  @Test
  void agreesWithTheStrictDecoderOnRandomAndDamagedText() {
    SplittableRandom random = new SplittableRandom(3);
    byte[] good = "ok é € 中 😀 {\"a\":1}".getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 50_000; round++) {
      byte[] b;
      if (round % 2 == 0) {
        b = new byte[random.nextInt(12)];
        for (int i = 0; i < b.length; i++) {
          // Mostly the bytes that start and continue sequences, where the rules are.
          b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x80 + random.nextInt(128));
        }
      } else {
        b = good.clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        if (random.nextBoolean()) {
          b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
        }
      }
      assertThat(Utf8.firstMalformed(b))
          .as(java.util.HexFormat.of().formatHex(b))
          .isEqualTo(reference(b));
    }
  }

  private static int reference(byte[] b) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b);
    try {
      d.decode(in);
      return -1;
    } catch (CharacterCodingException e) {
      return in.position();
    }
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }
}
