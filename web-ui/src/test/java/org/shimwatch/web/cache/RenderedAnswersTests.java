package org.shimwatch.web.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenderedAnswersTests {

  private static RenderedAnswers.Answer answer(int bytes) {
    return new RenderedAnswers.Answer("text/html", null, new byte[bytes]);
  }

  @Test
  void theLeastRecentlyUsedAnswersGoOnceTheBytesRunOut() {
    RenderedAnswers kept = new RenderedAnswers();
    int size = RenderedAnswers.MAX_BYTES;
    long fit = RenderedAnswers.MAX_TOTAL_BYTES / size;
    for (int i = 0; i < fit; i++) {
      kept.put("e" + i, answer(size));
    }
    assertThat(kept.get("e0")).isNotNull();

    kept.put("new", answer(size));

    assertThat(kept.get("new")).isNotNull();
    assertThat(kept.get("e0")).as("used just now, so kept").isNotNull();
    assertThat(kept.get("e1")).as("the least recently used").isNull();
  }

  @Test
  void anAnswerTooLargeIsNotKeptAndTheCountIsBounded() {
    RenderedAnswers kept = new RenderedAnswers();
    kept.put("big", answer(RenderedAnswers.MAX_BYTES + 1));
    for (int i = 0; i <= RenderedAnswers.MAX_ANSWERS; i++) {
      kept.put("e" + i, answer(10));
    }

    assertThat(kept.get("big")).isNull();
    assertThat(kept.get("e0")).isNull();
    assertThat(kept.get("e" + RenderedAnswers.MAX_ANSWERS)).isNotNull();
  }
}
