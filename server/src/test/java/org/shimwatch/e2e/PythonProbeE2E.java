package org.shimwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 7b: a person with only Python, as on OS/2 with EMX Python. They download {@code
 * shimwatch_probe.py} from the real server jar, consent, run a select-loop client through it,
 * preview the queued report and send it; the report shows on the maintainer's pages with the
 * client's own call count, and a client that dies of an exception becomes a trap.
 */
@Order(7)
class PythonProbeE2E {

  /** A client of the kind the origin's users run: a select() loop moving data over loopback. */
  private static final String CLIENT =
      """
      import select, socket, sys
      a, b = socket.socketpair()
      n = int(sys.argv[1])
      calls = 0
      for i in range(n):
          a.send(b"x")
          r, w, x = select.select([b], [], [], 1.0)
          calls += 1
          if r:
              b.recv(16)
      r, w, x = select.select([b], [], [], 0.01)
      calls += 1
      print("client select calls %d" % calls)
      """;

  /**
   * A real HTTP download over loopback, driven by select() as BitTorrent 3.x drives its sockets: it
   * fetches the probe file itself from the Shimwatch server and prints its select() calls.
   */
  private static final String DOWNLOAD_CLIENT =
      """
      import select, socket, sys
      host, port, path, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
      s = socket.create_connection((host, port))
      s.setblocking(False)
      request = ("GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n" % (path, host)).encode("ascii")
      calls = 0
      while request:
          r, w, x = select.select([], [s], [], 5.0)
          calls += 1
          if w:
              request = request[s.send(request):]
      data = b""
      while True:
          r, w, x = select.select([s], [], [], 5.0)
          calls += 1
          if not r:
              break
          chunk = s.recv(65536)
          if not chunk:
              break
          data += chunk
      head, body = data.split(b"\\r\\n\\r\\n", 1)
      open(out, "wb").write(body)
      print("client select calls %d bytes %d" % (calls, len(body)))
      """;

  private static final String FAILING_CLIENT =
      """
      import select, socket
      a, b = socket.socketpair()
      select.select([b], [], [], 0.01)
      def handle_peer(sock):
          raise RuntimeError("peer went away")
      handle_peer(b)
      """;

  @Test
  void aPythonUserDownloadsTheProbeRunsAClientAndTheMaintainerSeesTheReport() throws Exception {
    E2e.requireTools("python3");
    ServerProcess server = ServerProcess.shared();
    ProbeHome home = new ProbeHome("python", server.base());
    Path work = home.dir();

    HttpResponse<byte[]> download =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.base() + "/probe/shimwatch_probe.py"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    Path probe = work.resolve("shimwatch_probe.py");
    Files.write(probe, download.body());
    Files.writeString(work.resolve("client.py"), CLIENT);
    Files.writeString(work.resolve("failing_client.py"), FAILING_CLIENT);
    Files.writeString(work.resolve("download_client.py"), DOWNLOAD_CLIENT);

    E2e.Result consent = python(home, probe, "consent", "--level", "3");
    assertThat(consent.exit()).as(consent.output()).isZero();

    int loops = 40;
    E2e.Result run =
        runClient(home, probe, "works", work.resolve("client.py"), Integer.toString(loops));
    assertThat(run.exit()).as(run.output()).isZero();
    Matcher m = Pattern.compile("client select calls (\\d+)").matcher(run.output());
    assertThat(m.find()).as(run.output()).isTrue();
    long clientCalls = Long.parseLong(m.group(1));

    E2e.Result preview = python(home, probe, "preview", "--queued");
    assertThat(preview.exit()).as(preview.output()).isZero();
    assertThat(preview.output()).contains("btdownloadheadless").contains("\"python\"");
    assertThat(home.outboxSize()).isEqualTo(1);

    URI base = URI.create(server.base());
    E2e.Result fetch =
        runClient(
            home,
            probe,
            "works",
            work.resolve("download_client.py"),
            base.getHost(),
            Integer.toString(base.getPort()),
            "/probe/shimwatch_probe.py",
            work.resolve("fetched.py").toString());
    assertThat(fetch.exit()).as(fetch.output()).isZero();
    Matcher f = Pattern.compile("client select calls (\\d+) bytes (\\d+)").matcher(fetch.output());
    assertThat(f.find()).as(fetch.output()).isTrue();
    long downloadCalls = Long.parseLong(f.group(1));
    assertThat(Files.readAllBytes(work.resolve("fetched.py"))).isEqualTo(download.body());
    assertThat(home.outboxSize()).isEqualTo(2);

    E2e.Result failing = runClient(home, probe, null, work.resolve("failing_client.py"));
    assertThat(failing.exit()).as(failing.output()).isNotZero();
    assertThat(home.outboxSize()).isEqualTo(3);

    E2e.Result submit = python(home, probe, "submit", "--pending");
    assertThat(submit.exit()).as(submit.output()).isZero();
    assertThat(home.outboxSize()).isZero();
    List<String> sent = home.sentIds();
    assertThat(sent).hasSize(3);

    // The maintainer's JSON and pages show them all, like any other report.
    List<Long> counted = new ArrayList<>();
    JsonNode trapped = null;
    for (String id : sent) {
      JsonNode r = server.adminJson("/api/v1/admin/projects/default/reports/" + id);
      assertThat(r.toString()).contains("btdownloadheadless").contains("\"python\"");
      if (r.toString().contains("python-exception")) {
        trapped = r;
      } else {
        counted.add(r.at("/document/metrics/calls/select/count").asLong(-1));
      }
    }
    assertThat(counted)
        .as("select calls counted by the probe, against the clients' own")
        .containsExactlyInAnyOrder(clientCalls, downloadCalls);
    assertThat(trapped).as("the report of the client that died").isNotNull();
    assertThat(trapped.toString()).contains("handle_peer").contains("RuntimeError");

    HttpClient maintainer = signedIn(server);
    List<String> pages = new ArrayList<>();
    for (String id : sent) {
      HttpResponse<String> page =
          maintainer.send(
              HttpRequest.newBuilder(URI.create(server.base() + "/maintainer/reports/" + id))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      pages.add(page.body());
    }
    assertThat(String.join("\n", pages))
        .contains("btdownloadheadless")
        .contains("3.4.2")
        .contains("handle_peer");
    E2e.figures(
        "python-probe",
        E2e.map(
            "downloadBytes",
            download.body().length,
            "clientSelectCalls",
            clientCalls,
            "downloadSelectCalls",
            downloadCalls,
            "reportsSent",
            sent.size()));
  }

  /**
   * {@code python3 shimwatch_probe.py run} around a client script, as the origin's users run
   * BitTorrent, the report kept queued; without an outcome when {@code outcome} is null.
   */
  private static E2e.Result runClient(
      ProbeHome home, Path probe, String outcome, Path script, String... scriptArgs) {
    List<String> args = new ArrayList<>(List.of("run"));
    if (outcome != null) {
      args.addAll(List.of("--outcome", outcome));
    }
    args.addAll(
        List.of(
            "--client-name",
            "btdownloadheadless",
            "--client-version",
            "3.4.2",
            "--no-send",
            "--",
            script.toString()));
    args.addAll(List.of(scriptArgs));
    return python(home, probe, args.toArray(String[]::new));
  }

  private static E2e.Result python(ProbeHome home, Path probe, String... args) {
    List<String> cmd = new ArrayList<>(List.of("python3", probe.toString()));
    cmd.addAll(List.of(args));
    return E2e.run(cmd, home.env(), home.dir(), ProbeHome.CLI_LIMIT);
  }

  /**
   * A maintainer's browser session: the sign-in form, with its CSRF token, as a person sends it.
   */
  private static HttpClient signedIn(ServerProcess server) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> signIn = E2e.signIn(client, server.base());
    assertThat(signIn.uri().getPath()).as("signed in").doesNotStartWith("/login");
    return client;
  }
}
