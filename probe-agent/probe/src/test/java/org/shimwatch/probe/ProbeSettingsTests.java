package org.shimwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeSettingsTests {

  @TempDir Path tmp;

  private Map<String, String> envWithConfig(String config) throws Exception {
    Map<String, String> env = TestEnv.in(tmp);
    Path file = tmp.resolve("config/shimwatch/config.properties");
    Files.createDirectories(file.getParent());
    Files.writeString(file, config);
    return env;
  }

  @Test
  void flagsWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws Exception {
    Map<String, String> env =
        envWithConfig(
            "server=http://file.example:1\nkey=filekey\nproject=fromfile\nfixes.packages=libc6, linux-image-amd64\n");
    ProbeSettings fileOnly = ProbeSettings.resolve(ProbeSettings.Flags.none(), env);
    assertThat(fileOnly.server()).isEqualTo(URI.create("http://file.example:1"));
    assertThat(fileOnly.ingestKey()).isEqualTo("filekey");
    assertThat(fileOnly.project()).isEqualTo("fromfile");
    assertThat(fileOnly.fixPackages()).containsExactly("libc6", "linux-image-amd64");

    env.put("SHIMWATCH_SERVER", "https://env.example");
    env.put("SHIMWATCH_KEY", "envkey");
    ProbeSettings fromEnv = ProbeSettings.resolve(ProbeSettings.Flags.none(), env);
    assertThat(fromEnv.server()).isEqualTo(URI.create("https://env.example"));
    assertThat(fromEnv.ingestKey()).isEqualTo("envkey");

    ProbeSettings fromFlags =
        ProbeSettings.resolve(
            new ProbeSettings.Flags("http://flag.example/base/", "flagkey", "p2", null), env);
    assertThat(fromFlags.reportsUri())
        .isEqualTo(URI.create("http://flag.example/base/api/v1/projects/p2/reports"));
    assertThat(fromFlags.ingestKey()).isEqualTo("flagkey");
    assertThat(fromFlags.installationUri("abc"))
        .isEqualTo(URI.create("http://flag.example/base/api/v1/installations/abc"));
  }

  @Test
  void defaultsNeedNoConfigFile() throws Exception {
    ProbeSettings s = ProbeSettings.resolve(ProbeSettings.Flags.none(), TestEnv.in(tmp));
    assertThat(s.server()).isNull();
    assertThat(s.project()).isEqualTo("default");
    assertThat(s.fixPackages()).isNull();
    assertThat(s.state().root()).isEqualTo(tmp.resolve("state"));
  }

  @Test
  void theStateDirectoryFollowsXdgWhenShimwatchHomeIsUnset() {
    assertThat(
            StateDirectory.fromEnvironment(Map.of("XDG_STATE_HOME", "/x/state", "HOME", "/h"))
                .root())
        .isEqualTo(Path.of("/x/state/shimwatch"));
    assertThat(
            StateDirectory.fromEnvironment(Map.of("XDG_STATE_HOME", "relative", "HOME", "/h"))
                .root())
        .isEqualTo(Path.of("/h/.local/state/shimwatch"));
  }

  @Test
  void badSettingsAreClearErrors() throws Exception {
    for (List<String> bad :
        List.of(
            List.of("server=ftp://x.example\n", "is not an http:// or https:// URL"),
            List.of("server=http://x.example/?a=b\n", "no query"),
            List.of("server=http:///x\n", "needs a host"),
            List.of("server=http://\n", "is not a URL"),
            List.of("project=Not A Slug\n", "is not a project slug"),
            List.of("sever=http://x.example\n", "unknown setting 'sever'"),
            List.of("fixes.packages=libc6,Bad Name\n", "is not a Debian package name"),
            List.of("key=has space\n", "printable characters without spaces"))) {
      Map<String, String> env = envWithConfig(bad.get(0));
      assertThatThrownBy(() -> ProbeSettings.resolve(ProbeSettings.Flags.none(), env))
          .isInstanceOf(SettingsException.class)
          .hasMessageContaining(bad.get(1));
    }
    assertThatThrownBy(
            () ->
                ProbeSettings.resolve(
                    new ProbeSettings.Flags(null, null, null, tmp.resolve("missing.properties")),
                    TestEnv.in(tmp)))
        .hasMessageContaining("no such config file");
  }
}
