package org.shimwatch.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallRowTests {

  @Test
  void callsReadBackAsTheyWereWritten() {
    List<CallRow> calls =
        List.of(
            new CallRow("select", 40, 2, "1:30,4:10", "2:5"),
            new CallRow("poll", 7, 0, "3:7", ""),
            new CallRow("epoll_wait", 0, 0, "", ""));
    String text = CallRow.format(calls);
    assertThat(text).isEqualTo("select 40 2 1:30,4:10 2:5;poll 7 0 3:7 ;epoll_wait 0 0  ");
    assertThat(CallRow.parse(text)).isEqualTo(calls);
    assertThat(CallRow.fdAboveSetsize(calls)).isEqualTo(2);
  }

  @Test
  void noCallsIsTheEmptyText() {
    assertThat(CallRow.format(List.of())).isEmpty();
    assertThat(CallRow.parse("")).isEmpty();
    assertThat(CallRow.parse(null)).isEmpty();
  }

  @Test
  void aDamagedTextIsRefusedWithWhatIsWrong() {
    for (String bad :
        List.of(
            "select 40 2 1:30",
            "select x 2 1:30 2:5",
            "select 40 2 1:30 2:5;",
            " 40 2 1:30 2:5",
            "select 40 2 1:30;2:5 x",
            "select 40 2 1:x 2:5",
            "select 40 2 1:30 2:5 extra")) {
      assertThatThrownBy(() -> CallRow.parse(bad), bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
