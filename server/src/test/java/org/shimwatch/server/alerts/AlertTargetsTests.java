package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shimwatch.web.ChangeRefused;

class AlertTargetsTests {

  /** Names resolved from a table, so no test asks a real name server. */
  static final Map<String, String> NAMES =
      Map.of(
          "hooks.example.org", "93.184.215.14",
          "inside.example.org", "10.1.2.3",
          "rebind.example.org", "127.0.0.1",
          "cgnat.example.org", "100.64.0.9",
          "v6.example.org", "2001:db8::1",
          "ula.example.org", "fd00::1");

  static InetAddress[] resolve(String host) throws UnknownHostException {
    String ip = NAMES.get(host);
    if (ip == null) {
      // An address literal resolves to itself without a lookup.
      if (host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return new InetAddress[] {InetAddress.getByName(host)};
      }
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(ip)};
  }

  final AlertTargets strict = new AlertTargets(false, AlertTargetsTests::resolve);
  final AlertTargets open = new AlertTargets(true, AlertTargetsTests::resolve);

  @Test
  void publicHttpAndHttpsUrlsAreTaken() {
    assertThat(strict.webhook(" https://hooks.example.org/shim?x=1 ").toString())
        .isEqualTo("https://hooks.example.org/shim?x=1");
    assertThat(strict.webhook("http://hooks.example.org:8080/a").getPort()).isEqualTo(8080);
    assertThat(strict.webhook("https://v6.example.org/").getHost()).isEqualTo("v6.example.org");
  }

  @Test
  void otherSchemesMalformedUrlsAndCredentialsAreRefusedWithTheirReason() {
    for (String bad :
        new String[] {
          "",
          "   ",
          "ftp://hooks.example.org/x",
          "file:///etc/passwd",
          "javascript:alert(1)",
          "hooks.example.org/x",
          "https://",
          "https://exa mple.org/",
          "https://user:pw@hooks.example.org/",
          "https://hooks.example.org/#frag",
          "https://hooks.example.org/" + "a".repeat(600)
        }) {
      assertThatThrownBy(() -> strict.webhook(bad))
          .as(bad)
          .isInstanceOf(ChangeRefused.class)
          .extracting(e -> ((ChangeRefused) e).reason())
          .isEqualTo("invalid-url");
    }
    assertThatThrownBy(() -> strict.webhook(null)).isInstanceOf(ChangeRefused.class);
  }

  @Test
  void privateLoopbackAndLinkLocalTargetsAreRefusedUnlessAllowed() {
    for (String bad :
        new String[] {
          "http://127.0.0.1:8080/",
          "http://[::1]/",
          "http://10.0.0.5/",
          "http://192.168.1.1/",
          "http://172.16.0.1/",
          "http://169.254.169.254/latest/meta-data/",
          "http://0.0.0.0/",
          "https://inside.example.org/",
          "https://rebind.example.org/",
          "https://cgnat.example.org/",
          "https://ula.example.org/",
          "https://unknown.example.org/"
        }) {
      assertThatThrownBy(() -> strict.webhook(bad)).as(bad).isInstanceOf(ChangeRefused.class);
    }
    assertThat(open.webhook("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
    assertThat(open.webhook("https://inside.example.org/").getHost())
        .isEqualTo("inside.example.org");
  }

  @Test
  void emailAddressesAreCheckedForTheirShape() {
    assertThat(AlertTargets.email(" team@example.org ")).isEqualTo("team@example.org");
    assertThat(AlertTargets.email("a.b+shim@mail.example.co.uk")).isNotBlank();
    for (String bad :
        new String[] {
          "",
          "team",
          "team@",
          "@example.org",
          "team@@example.org",
          "team@example..org",
          "team@-example.org",
          "te am@example.org",
          "team@example.org\r\nBcc: everyone@example.org",
          "x".repeat(65) + "@example.org"
        }) {
      assertThatThrownBy(() -> AlertTargets.email(bad))
          .as(bad)
          .isInstanceOf(ChangeRefused.class)
          .extracting(e -> ((ChangeRefused) e).reason())
          .isEqualTo("invalid-email");
    }
  }
}
