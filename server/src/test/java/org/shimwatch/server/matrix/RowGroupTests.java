package org.shimwatch.server.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.report.Environment;

/** Rows group reports the way a user describes their machine, whatever else their fixes list. */
class RowGroupTests {

  private static RowGroup os2(String level, String fixes) {
    return RowGroup.of("os2", "eComStation", "1.1", "os2-tcpip", "4.3", level, fixes);
  }

  private static RowGroup linux(String kernel, String fixes) {
    return RowGroup.of("linux", "Debian GNU/Linux", "12", "linux", kernel, null, fixes);
  }

  @Test
  void os2ReportsWithTheSameCsdLevelAndNewstackShareARowWhateverElseTheyHave() {
    RowGroup a = os2("UN02200", "csd:UN02200,csd:WR08700,newstack:NEWSTACK=2004-03");
    RowGroup b = os2("UN02200", "csd:UN02200,fixpak:XR0M015,newstack:NEWSTACK=2004-05");

    assertThat(a.key()).isEqualTo(b.key());
    assertThat(a.fixLevel()).containsExactly("csd:UN02200", "newstack:NEWSTACK");
    assertThat(a.fixLevelLabel()).isEqualTo("UN02200 + NEWSTACK");
    assertThat(a.stackLabel()).isEqualTo("os2-tcpip 4.3");
    assertThat(a.platformLabel()).isEqualTo("eComStation 1.1");
  }

  @Test
  void newstackAndTheCsdLevelEachMakeADifferentRow() {
    RowGroup with = os2("UN02200", "csd:UN02200,newstack:NEWSTACK");
    RowGroup without = os2("UN02200", "csd:UN02200,csd:WR08700");
    RowGroup older = os2("UN02101", "csd:UN02101,newstack:NEWSTACK");

    assertThat(with.key()).isNotEqualTo(without.key()).isNotEqualTo(older.key());
    assertThat(without.fixLevelLabel()).isEqualTo("UN02200, no NEWSTACK");
    assertThat(with.fixLevelDistance(without)).isEqualTo(1);
    assertThat(without.fixLevelDistance(older)).isEqualTo(2);
    assertThat(with.fixLevelDistance(with)).isZero();
  }

  @Test
  void withoutAStackLevelTheNewestTcpipCsdAmongTheFixesIsTheLevel() {
    RowGroup g = os2(null, "csd:UN02101,csd:UN02200,csd:WR08700,csd:XR0M015");
    assertThat(g.csdLevel()).isEqualTo("UN02200");
    assertThat(g.key()).isEqualTo(os2("UN02200", "csd:UN02200").key());

    RowGroup none = os2(null, "csd:WR08700");
    assertThat(none.csdLevel()).isNull();
    assertThat(none.fixLevelLabel()).isEqualTo("CSD level not known, no NEWSTACK");
    // A level that is not a TCP/IP CSD (say an MPTS level) is not the stack's level.
    assertThat(os2("WR08700", "").csdLevel()).isNull();
  }

  @Test
  void linuxRowsAreTheDistributionAndKernelSeriesNotPackageVersions() {
    RowGroup a = linux("6.1.0-27-amd64", "package:libc6=2.36-9+deb12u7");
    RowGroup b = linux("6.1.0-18-amd64", "package:libc6=2.36-9+deb12u4,package:openssl=3.0.11");
    RowGroup c = linux("6.5.0-1-amd64", "");

    assertThat(a.key()).isEqualTo(b.key()).isNotEqualTo(c.key());
    assertThat(a.stackLabel()).isEqualTo("linux 6.1");
    assertThat(a.fixLevel()).isEmpty();
    assertThat(a.fixLevelLabel()).isEmpty();
    assertThat(linux("5.10.209", "").stackVersion()).isEqualTo("5.10");
    assertThat(linux("not-a-kernel", "").stackVersion()).isEqualTo("not-a-kernel");
  }

  @Test
  void otherSystemsKeepTheirStackVersionAndHaveNoFixLevel() {
    RowGroup g = RowGroup.of("bsd", "FreeBSD", "14.0", "freebsd", "14.0-RELEASE", null, "other:x");
    assertThat(g.stackVersion()).isEqualTo("14.0-RELEASE");
    assertThat(g.fixLevel()).isEmpty();
    assertThat(g.grouping()).isEqualTo(RowGrouping.OTHER);
  }

  @Test
  void anEnvironmentFallsInTheRowItsReportWould() {
    Environment env =
        new Environment(
            new Environment.Os("os2", "eComStation", "1.1", null, null),
            new Environment.Stack("os2-tcpip", "4.3", "UN02200", null),
            List.of(
                new Environment.Fix("newstack", "NEWSTACK", "2004-03"),
                new Environment.Fix("csd", "UN02200", null)),
            null,
            null,
            null);
    assertThat(RowGroup.of(env).key())
        .isEqualTo(os2("UN02200", "csd:UN02200,newstack:NEWSTACK=2004-03").key());
    assertThat(RowGroup.fixEntries(env.fixes()))
        .containsExactly("csd:UN02200", "newstack:NEWSTACK=2004-03");
  }
}
