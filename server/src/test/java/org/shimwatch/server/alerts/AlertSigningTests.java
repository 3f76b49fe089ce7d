package org.shimwatch.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertSigningTests {

  static final byte[] BODY = "{\"kind\":\"test\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void theSignatureIsTheHmacOfTimestampDotBodyAsOpensslComputesIt() {
    // printf '1700000000.{"kind":"test"}' | openssl dgst -sha256 -hmac whs_secret
    assertThat(AlertSigning.sign("whs_secret", 1_700_000_000L, BODY))
        .isEqualTo("sha256=" + OpenSslHmac.of("whs_secret", "1700000000.{\"kind\":\"test\"}"));
  }

  @Test
  void aReceiverAcceptsOnlyTheRightSecretBodyAndAFreshTimestamp() {
    String sig = AlertSigning.sign("whs_a", 1000, BODY);
    assertThat(AlertSigning.verify("whs_a", sig, "1000", BODY, 1000, 300)).isTrue();
    assertThat(AlertSigning.verify("whs_a", sig, "1000", BODY, 1299, 300)).isTrue();
    assertThat(AlertSigning.verify("whs_b", sig, "1000", BODY, 1000, 300)).isFalse();
    assertThat(AlertSigning.verify("whs_a", sig, "1001", BODY, 1000, 300))
        .as("the timestamp is part of the signed text")
        .isFalse();
    assertThat(AlertSigning.verify("whs_a", sig, "1000", "{}".getBytes(), 1000, 300)).isFalse();
    assertThat(AlertSigning.verify("whs_a", sig, "1000", BODY, 1301, 300))
        .as("a replay after the tolerance")
        .isFalse();
    assertThat(AlertSigning.verify("whs_a", null, "1000", BODY, 1000, 300)).isFalse();
    assertThat(AlertSigning.verify("whs_a", sig, "soon", BODY, 1000, 300)).isFalse();
  }

  @Test
  void secretsAreRandomAndLongEnough() {
    String a = AlertSigning.newSecret();
    assertThat(a).startsWith("whs_").hasSize(4 + 43).isNotEqualTo(AlertSigning.newSecret());
  }
}
