package org.shimwatch.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PossibleNamesTests {

  @Test
  void fullNamesAndIntroducedFirstNamesAreFlagged() {
    assertThat(PossibleNames.in("Hangs on my box. Regards, John Smith"))
        .containsExactly("John Smith");
    assertThat(PossibleNames.in("Dear maintainers, I am Maria from the user group"))
        .containsExactly("Maria");
    assertThat(PossibleNames.in("Tested together with Anna Lena Berg and thanks, Kim"))
        .containsExactly("Anna Lena Berg", "Kim");
  }

  @Test
  void theWordsOfTheTradeAreNotNames() {
    assertThat(PossibleNames.in("Works on Warp Server with Virtual Box and Python")).isEmpty();
    assertThat(PossibleNames.in("The Workplace Shell hangs. Connection Reset after 2:30"))
        .isEmpty();
    assertThat(PossibleNames.in("Hung at 10:15:30 after 2:30 min on TCP/IP 4.21")).isEmpty();
    assertThat(PossibleNames.in(null)).isEmpty();
    assertThat(PossibleNames.in("<user> on <host>: <ip> <name>")).isEmpty();
  }
}
