package org.shimwatch.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shimwatch.testing.PrivacySample;

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
        "loopback ::1 only | loopback ::1 only",
        "Hung at 10:15:30 after 2:30 min | Hung at 10:15:30 after 2:30 min",
        "NIC 08:00:27:4e:66:a1 | NIC <mac>",
        "link fe80::1%en0 | link <ip>%en0",
        "trap at CS:EIP=0168:fff4b7e2 | trap at CS:EIP=0168:fff4b7e2",
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
  void twoLetterNamesGoAsWrittenAndNeverInsideOtherWords() {
    Scrubber s = Scrubber.withNames(List.of("al"), List.of("vm"));
    assertThat(s.scrub("al ran it on vm, not on kvm or a VM; also"))
        .isEqualTo("<user> ran it on <host>, not on kvm or a VM; also");
  }

  @Test
  void singleLettersAndNamesOfNobodyAreNotScrubbedOnTheirOwn() {
    Scrubber s = Scrubber.withNames(List.of("a", "root"), List.of("pi", "localhost"));
    assertThat(s.scrub("a root ran pi on localhost")).isEqualTo("a root ran pi on localhost");
  }

  @Test
  void theAccountsRealNameGoesWholeAndInParts() {
    Scrubber s = Scrubber.withNames(List.of("jdoe"), List.of(), List.of("John Doe,,,"));
    assertThat(s.scrub("I am John  Doe; JOHN here, Doe there; a doe is a deer"))
        .isEqualTo("I am <name>; <name> here, <name> there; a doe is a deer");
  }

  @Test
  void namesThatArePlaceholderWordsLeaveThePlaceholdersAlone() {
    Scrubber s = Scrubber.withNames(List.of("user", "ip"), List.of("host"));
    assertThat(s.scrub("peer 10.1.2.3 ip")).isEqualTo("peer <ip> <user>");
  }

  @Test
  void theSharedSampleIsScrubbedAlikeWithAndWithoutLocalNames() {
    assertThat(generic.scrub(PrivacySample.COMMENT)).isEqualTo(PrivacySample.SCRUBBED);
    assertThat(named.scrub(PrivacySample.COMMENT)).isEqualTo(PrivacySample.SCRUBBED);
    assertThat(generic.scrub(PrivacySample.SCRUBBED)).isEqualTo(PrivacySample.SCRUBBED);
    assertThat(generic.scrub(PrivacySample.PLAIN)).isEqualTo(PrivacySample.PLAIN);
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
