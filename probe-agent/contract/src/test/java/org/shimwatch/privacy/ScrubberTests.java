package org.shimwatch.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrubberTests {

  private final Scrubber generic = Scrubber.generic();
  private final Scrubber named =
      Scrubber.withNames(List.of("alice"), List.of("tower.example.org", "warpbox"));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "saved to /home/alice/Downloads/x.iso | saved to ~/Downloads/x.iso",
        "mac at /Users/bob/bt | mac at ~/bt",
        "as root in /root/.cache | as root in ~/.cache",
        "C:\\Users\\carol\\bt\\run.cmd failed | ~\\bt\\run.cmd failed",
        "D:\\Documents and Settings\\dave\\x | ~\\x",
        "peer 192.168.1.20 dropped | peer <ip> dropped",
        "tracker at 10.0.0.1:6969 | tracker at <ip>:6969",
        "v6 peer fe80::1ff:fe23:4567:890a | v6 peer <ip>",
        "loopback ::1 only | loopback <ip> only",
        "mail me at andy@example.org please | mail me at <email> please",
        "my box nas.local stalls | my box <host> stalls",
        "libc in /usr/lib/x86_64-linux-gnu/libc.so.6 | libc in /usr/lib/x86_64-linux-gnu/libc.so.6",
        "trap in C:\\MPTN\\DLL\\TCPIP32.DLL | trap in C:\\MPTN\\DLL\\TCPIP32.DLL",
        "BitTorrent 3.4.2 on TCP/IP 4.3 | BitTorrent 3.4.2 on TCP/IP 4.3",
        "kernel 6.1.0-27-amd64 glibc 2.36 | kernel 6.1.0-27-amd64 glibc 2.36",
      })
  void genericRules(String input, String expected) {
    assertThat(generic.scrub(input)).isEqualTo(expected);
  }

  @Test
  void knownUserAndHostNamesGoWhereverTheyStandAsWords() {
    assertThat(named.scrub("Alice ran it on warpbox and tower; aliceware is fine"))
        .isEqualTo("<user> ran it on <host> and <host>; aliceware is fine");
    assertThat(named.scrub("ssh tower.example.org")).isEqualTo("ssh <host>");
  }

  @Test
  void shortNamesAreNotScrubbedOnTheirOwn() {
    Scrubber s = Scrubber.withNames(List.of("al"), List.of("pi"));
    assertThat(s.scrub("al ran pi")).isEqualTo("al ran pi");
  }

  @Test
  void nullAndEmptyPassThrough() {
    assertThat(generic.scrub(null)).isNull();
    assertThat(generic.scrub("")).isEmpty();
  }

  @Test
  void fileNameKeepsOnlyTheLastPart() {
    assertThat(Scrubber.fileName("/home/alice/bin/aria2c")).isEqualTo("aria2c");
    assertThat(Scrubber.fileName("E:\\APPS\\PYTHON.EXE")).isEqualTo("PYTHON.EXE");
    assertThat(Scrubber.fileName("TCPIP32.DLL")).isEqualTo("TCPIP32.DLL");
    assertThat(Scrubber.fileName(null)).isNull();
  }
}
