package org.shimwatch.probe.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shimwatch.report.Environment;

class LinuxEnvironmentTests {

  @TempDir Path tmp;

  /** A system with a fixed uname and glibc. */
  static final SystemIdentity DEBIAN =
      new SystemIdentity() {
        @Override
        public Optional<Uname> uname() {
          return Optional.of(new Uname("Linux", "alice-laptop", "6.1.0-27-amd64", "x86_64"));
        }

        @Override
        public Optional<String> libcVersion() {
          return Optional.of("2.36");
        }
      };

  static final String STATUS =
      "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9+deb12u9\n\n"
          + "Package: linux-image-6.1.0-27-amd64\nStatus: install ok installed\nVersion: 6.1.115-1\n\n"
          + "Package: aria2\nStatus: install ok installed\nVersion: 1.36.0-1\n\n"
          + "Package: removed-thing\nStatus: deinstall ok config-files\nVersion: 1.0\n";

  private LinuxEnvironment linux(List<String> packages) throws Exception {
    Path osRelease = tmp.resolve("os-release");
    Files.writeString(
        osRelease,
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
            + "# comment\nID=debian\nHOME_URL='https://www.debian.org/'\n");
    Path dpkg = tmp.resolve("dpkg");
    Files.createDirectories(dpkg.resolve("info"));
    Files.writeString(dpkg.resolve("status"), STATUS);
    Files.writeString(dpkg.resolve("info/aria2.list"), "/.\n/usr\n/usr/bin\n/usr/bin/aria2c\n");
    Files.writeString(dpkg.resolve("info/coreutils.list"), "/bin/true\n");
    return new LinuxEnvironment(
        DEBIAN, List.of(tmp.resolve("missing"), osRelease), new DpkgDatabase(dpkg), packages);
  }

  @Test
  void collectsDistributionKernelGlibcAndTheStacksPackagesAsFixes() throws Exception {
    LinuxEnvironment l = linux(null);
    Environment e = l.collect(new Environment.Client("aria2c", "1.36.0-1"), l.glibcRuntime(), null);

    assertThat(e.os())
        .isEqualTo(
            new Environment.Os("linux", "Debian GNU/Linux", "12", "6.1.0-27-amd64", "x86_64"));
    assertThat(e.stack()).isEqualTo(new Environment.Stack("linux", "6.1.0-27-amd64", null, null));
    assertThat(e.runtime()).isEqualTo(new Environment.Runtime("glibc", "2.36"));
    assertThat(e.fixes())
        .containsExactly(
            new Environment.Fix("package", "libc6", "2.36-9+deb12u9"),
            new Environment.Fix("package", "linux-image-6.1.0-27-amd64", "6.1.115-1"));
  }

  @Test
  void theFixPackagesAreConfigurable() throws Exception {
    Environment e =
        linux(List.of("aria2", "removed-thing", "absent"))
            .collect(new Environment.Client("x", null), null, null);
    assertThat(e.fixes()).containsExactly(new Environment.Fix("package", "aria2", "1.36.0-1"));
  }

  @Test
  void theClientIsNamedAfterItsExecutableAndVersionedByItsPackage() throws Exception {
    LinuxEnvironment l = linux(null);
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    Path fake = Files.writeString(bin.resolve("aria2c"), "#!/bin/sh\n");
    fake.toFile().setExecutable(true);

    Environment.Client c =
        ClientIdentity.of(
            List.of("aria2c", "-x"), null, null, Map.of("PATH", bin.toString()), l.dpkg());
    assertThat(c.name()).isEqualTo("aria2c");
    // Not under /usr/bin: no package owns it.
    assertThat(c.version()).isNull();

    assertThat(ClientIdentity.aliases(Path.of("/usr/bin/aria2c"))).contains(Path.of("/bin/aria2c"));
    assertThat(l.dpkg().ownerOf(List.of(Path.of("/usr/bin/aria2c")))).contains("aria2");
    assertThat(l.dpkg().ownerOf(ClientIdentity.aliases(Path.of("/usr/bin/true"))))
        .contains("coreutils");

    Environment.Client given =
        ClientIdentity.of(
            List.of("/opt/bt/btdownloadcurses.py"), "BitTorrent", "3.4.2", Map.of(), l.dpkg());
    assertThat(given).isEqualTo(new Environment.Client("BitTorrent", "3.4.2"));
  }

  @Test
  void hostAndUserNamesForScrubbingNeedNoNetwork() throws Exception {
    assertThat(linux(null).hostNames(Map.of("HOSTNAME", "alice-box")))
        .contains("alice-laptop", "alice-box");
    assertThat(LinuxEnvironment.userNames(Map.of("USER", "alice", "HOME", "/home/alice2")))
        .contains("alice", "alice2");
  }

  @Test
  void realNamesComeFromTheLocalPasswdFilesGecosField() throws Exception {
    Path passwd = tmp.resolve("passwd");
    Files.writeString(
        passwd,
        "root:x:0:0:root:/root:/bin/bash\n"
            + "alice:x:1000:1000:Alice Liddell,Room 7,555-0100,:/home/alice:/bin/bash\n"
            + "bob:x:1001:1001:Bob Stone:/home/bob:/bin/sh\n"
            + "broken line without fields\n"
            + "carol:x:1002:1002::/home/carol:/bin/sh\n");

    assertThat(LinuxEnvironment.realNames(passwd, Set.of("alice", "carol", "root")))
        .containsExactly("Alice Liddell");
    assertThat(LinuxEnvironment.realNames(tmp.resolve("missing"), Set.of("alice"))).isEmpty();
  }

  @Test
  void osReleaseQuotingAndOddValues() {
    Map<String, String> m =
        OsRelease.parse("A=\"x \\\"y\\\"\"\nB='z'\nC=plain\nBROKEN=\"open\n=x\nlower_ok=1\n");
    assertThat(m)
        .containsEntry("A", "x \"y\"")
        .containsEntry("B", "z")
        .containsEntry("C", "plain")
        .containsEntry("lower_ok", "1");
    assertThat(m).doesNotContainKey("BROKEN");
  }

  @Test
  void textThatBreaksTheContractIsCleanedNotSent() {
    assertThat(ContractFields.name("<b>Arch</b> Linux")).isEqualTo("bArch/b Linux");
    assertThat(ContractFields.name("---")).isNull();
    assertThat(ContractFields.version("1:2.36-9+deb12u9")).isEqualTo("1:2.36-9+deb12u9");
    assertThat(ContractFields.version(" 6.1.0 (custom)")).isEqualTo("6.1.0custom");
    assertThat(ContractFields.version("x".repeat(100))).hasSize(64);
  }

  @Test
  void withoutDpkgOrOsReleaseTheEnvironmentIsStillValid() {
    LinuxEnvironment bare =
        new LinuxEnvironment(
            new ProcSystemIdentity(),
            List.of(tmp.resolve("none")),
            new DpkgDatabase(tmp.resolve("none")),
            null);
    Environment e = bare.collect(new Environment.Client("x", null), null, null);
    assertThat(e.os().family()).isEqualTo("linux");
    assertThat(e.os().revision()).isNotBlank();
    assertThat(e.fixes()).isNull();
  }

  @Test
  void jnaAndProcAgreeOnTheKernel() {
    SystemIdentity jna = SystemIdentity.load();
    assertThat(jna.uname().orElseThrow().release())
        .isEqualTo(new ProcSystemIdentity().uname().orElseThrow().release());
    assertThat(jna.libcVersion()).hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+"));
  }
}
