package org.shimwatch.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.Refusal;

class ProblemHandlerTests {

  @Test
  void everyKindOfRefusalHasAStatus() {
    Set<Class<?>> kinds = new HashSet<>();
    Deque<Class<?>> open = new ArrayDeque<>(Set.of(Refusal.class.getPermittedSubclasses()));
    while (!open.isEmpty()) {
      Class<?> c = open.pop();
      kinds.add(c);
      if (c.isSealed()) {
        open.addAll(Set.of(c.getPermittedSubclasses()));
      }
    }
    assertThat(kinds).hasSizeGreaterThan(10);
    assertThat(Set.<Class<?>>copyOf(ProblemHandler.STATUS.keySet())).isEqualTo(kinds);
    assertThat(ProblemHandler.STATUS.values())
        .allMatch(s -> s.is4xxClientError() || s.value() == 503);
  }
}
