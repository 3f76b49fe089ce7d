package org.shimwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS server on loopback whose certificate no public CA signed, as a private server's. */
class ProbeTlsTests {

  @TempDir Path dir;
  private HttpsServer server;
  private Path caFile;

  @BeforeEach
  void privateServer() throws Exception {
    Path store = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=Shimwatch test server",
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    caFile = dir.resolve("ca.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-file",
        caFile.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/",
        x -> {
          byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
          x.sendResponseHeaders(200, ok.length);
          x.getResponseBody().write(ok);
          x.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool: %s", out).isZero();
  }

  private HttpResponse<String> get(HttpClient client) throws Exception {
    URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theNamedCaFileLetsTheProbeReachThePrivateServer() throws Exception {
    assertThatThrownBy(() -> get(HttpClient.newHttpClient()))
        .as("Java's own trust refuses it")
        .isInstanceOf(SSLHandshakeException.class);

    SSLContext withCa = ProbeTls.context(Map.of(ProbeTls.CA_FILE_VARIABLE, caFile.toString()));
    HttpResponse<String> r = get(HttpClient.newBuilder().sslContext(withCa).build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
  }

  @Test
  void noCaFileMeansJavasOwnTrust() throws Exception {
    assertThat(ProbeTls.context(Map.of())).isNull();
    assertThat(ProbeTls.context(Map.of(ProbeTls.CA_FILE_VARIABLE, "  "))).isNull();
  }

  @Test
  void aCaFileThatCannotBeUsedIsASettingsErrorNamingIt() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nxx");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    for (var c :
        Map.of(
                dir.resolve("missing.pem"),
                "no such file",
                garbage,
                "not a PEM or DER certificate file",
                empty,
                "certificate",
                dir,
                "no such file")
            .entrySet()) {
      assertThatThrownBy(
              () -> ProbeTls.context(Map.of(ProbeTls.CA_FILE_VARIABLE, c.getKey().toString())))
          .isInstanceOf(SettingsException.class)
          .hasMessageContaining("SHIMWATCH_CA_FILE=" + c.getKey())
          .hasMessageContaining(c.getValue());
    }
    assertThatThrownBy(
            () ->
                ProbeSettings.resolve(
                    new ProbeSettings.Flags(null, null, null, dir.resolve("none.properties")),
                    Map.of(ProbeTls.CA_FILE_VARIABLE, garbage.toString())))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("SHIMWATCH_CA_FILE");
  }
}
