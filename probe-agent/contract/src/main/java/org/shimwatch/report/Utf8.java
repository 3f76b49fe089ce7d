package org.shimwatch.report;

/**
 * Checks that bytes are well-formed UTF-8 (the Unicode standard's table of well-formed byte
 * sequences: no overlong forms, no surrogates, nothing above U+10FFFF) without decoding them, so a
 * document is checked without a copy of itself in characters.
 */
final class Utf8 {

  private Utf8() {}

  /** Where the first ill-formed sequence starts, or -1 when every byte is well-formed. */
  static int firstMalformed(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      int need;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) {
          lo = 0xA0;
        } else if (c == 0xED) {
          hi = 0x9F;
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) {
          lo = 0x90;
        } else if (c == 0xF4) {
          hi = 0x8F;
        }
      } else {
        return i;
      }
      if (i + need >= n) {
        return i;
      }
      int second = b[i + 1] & 0xFF;
      if (second < lo || second > hi) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        int next = b[i + k] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }
}
