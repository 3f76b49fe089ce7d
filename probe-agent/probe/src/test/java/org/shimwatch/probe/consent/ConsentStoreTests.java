package org.shimwatch.probe.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentStoreTests {

  @TempDir Path tmp;

  @Test
  void beforeAnyOptInTheLevelIsZeroAndNothingIsOnDisk() throws Exception {
    ConsentStore s = new ConsentStore(tmp.resolve("state/consent.properties"));
    assertThat(s.load()).isEqualTo(Consent.none());
    assertThat(s.setLevel(ConsentLevel.NONE)).isEqualTo(Consent.none());
    assertThat(tmp.resolve("state")).doesNotExist();
  }

  @Test
  void theFirstOptInMakesARandomIdAndSecretKeptPrivately() throws Exception {
    Path file = tmp.resolve("state/consent.properties");
    ConsentStore s = new ConsentStore(file);
    Consent c = s.setLevel(ConsentLevel.METRICS);

    assertThat(c.installationId()).isNotNull();
    assertThat(c.installationSecret()).matches("[A-Za-z0-9_-]{43}");
    assertThat(s.load()).isEqualTo(c);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");

    Consent other =
        new ConsentStore(tmp.resolve("other/consent.properties")).setLevel(ConsentLevel.METRICS);
    assertThat(other.installationId()).isNotEqualTo(c.installationId());
    assertThat(other.installationSecret()).isNotEqualTo(c.installationSecret());
  }

  @Test
  void changingTheLevelKeepsTheInstallation() throws Exception {
    ConsentStore s = new ConsentStore(tmp.resolve("consent.properties"));
    Consent first = s.setLevel(ConsentLevel.DIAGNOSTICS);
    Consent off = s.setLevel(ConsentLevel.NONE);
    Consent again = s.setLevel(ConsentLevel.ENVIRONMENT);

    assertThat(off.level()).isEqualTo(ConsentLevel.NONE);
    assertThat(off.installationId()).isEqualTo(first.installationId());
    assertThat(again.installationSecret()).isEqualTo(first.installationSecret());
  }

  @Test
  void aDamagedFileIsAClearErrorAndIsLeftAsItIs() throws Exception {
    Path file = tmp.resolve("consent.properties");
    for (String text :
        new String[] {
          "level=7\n",
          "level=two\n",
          "level=2\n",
          "level=2\ninstallationId=nope\ninstallationSecret=abcdefghijklmnopqrstuvwxyz\n",
          "level=2\ninstallationId=6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d90\ninstallationSecret=short\n",
          "level=1\nlevl=2\n"
        }) {
      Files.writeString(file, text);
      assertThatThrownBy(() -> new ConsentStore(file).load())
          .isInstanceOf(ConsentFileException.class)
          .hasMessageStartingWith(file.toString());
      assertThatThrownBy(() -> new ConsentStore(file).setLevel(ConsentLevel.METRICS))
          .isInstanceOf(ConsentFileException.class);
      assertThat(Files.readString(file)).isEqualTo(text);
    }
  }

  @Test
  void theEnvironmentCanForceLevelZero() throws Exception {
    Consent c = new ConsentStore(tmp.resolve("c.properties")).setLevel(ConsentLevel.DIAGNOSTICS);
    assertThat(c.effectiveLevel(Map.of())).isEqualTo(ConsentLevel.DIAGNOSTICS);
    assertThat(c.effectiveLevel(Map.of("DO_NOT_TRACK", "1"))).isEqualTo(ConsentLevel.NONE);
    assertThat(c.effectiveLevel(Map.of("SHIMWATCH_TELEMETRY", "OFF"))).isEqualTo(ConsentLevel.NONE);
    assertThat(c.effectiveLevel(Map.of("DO_NOT_TRACK", "0"))).isEqualTo(ConsentLevel.DIAGNOSTICS);
  }
}
