package org.shimwatch.server.manual;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.shimwatch.server.ServerTestSupport;
import org.shimwatch.testing.PrivacySample;

/** The manual report form over real HTTP: CSRF, preview of what was parsed, sending, refusals. */
public class ManualReportPagesIntegrationTests extends ServerTestSupport {

  public static final String POPUPLOG =
      "02-25-1999  10:58:35  SYS3175  PID 00b2  TID 0001  Slot 0068\r\n"
          + "E:\\CLASSES\\LABS\\LAB26\\BEDBUG.EXE\r\n"
          + "c0000005\r\n"
          + "1bf94e24\r\n"
          + "P1=00000001  P2=00000000  P3=XXXXXXXX  P4=XXXXXXXX\r\n"
          + "EAX=00000000  EBX=00060210  ECX=0002881c  EDX=00060210\r\n"
          + "ESI=00000001  EDI=00000002\r\n"
          + "DS=0053  DSACC=d0f3  DSLIM=1fffffff\r\n"
          + "ES=0053  ESACC=d0f3  ESLIM=1fffffff\r\n"
          + "FS=150b  FSACC=00f3  FSLIM=00000030\r\n"
          + "GS=0000  GSACC=****  GSLIM=********\r\n"
          + "CS:EIP=005b:1bf94e24  CSACC=d0df  CSLIM=1fffffff\r\n"
          + "SS:ESP=0053:000287ec  SSACC=d0f3  SSLIM=1fffffff\r\n"
          + "EBP=000287f8  FLG=00012206\r\n"
          + "\r\n"
          + "DOSCALL1.DLL 0002:00004e24\r\n";

  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void aPastedPopupLogIsParsedShownThenStoredWithASecretForDeletion() throws Exception {
    String token = csrf(page("/report/new"));
    int before = reportRows();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", token);
    form.put("outcome", "traps");
    form.put("clientName", "BitTorrent");
    form.put("clientVersion", "3.4.2");
    form.put("comment", "trapped while seeding <script>alert(1)</script>");
    form.put("pasted", POPUPLOG);
    form.put("includeDiagnostics", "true");
    form.put("website", "");

    HttpResponse<String> preview = post("/report/preview", form);

    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body())
        .contains("DOSCALL1.DLL")
        .contains("c0000005")
        .contains("&quot;consentLevel&quot; : 3")
        .doesNotContain("<script>alert(1)</script>")
        .contains("&lt;script&gt;");
    assertThat(reportRows()).isEqualTo(before);

    form.put("_csrf", csrf(preview.body()));
    HttpResponse<String> sent = post("/report/submit", form);

    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("your report is stored");
    String secret = between(sent.body(), "id=\"installation-secret\">", "<");
    String installation = between(sent.body(), "id=\"installation-id\">", "<");
    assertThat(reportRows()).isEqualTo(before + 1);
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT source, consent_level, trap_count, comment_status FROM report WHERE installation_id = ?",
            java.util.UUID.fromString(installation));
    assertThat(row.get("SOURCE")).isEqualTo("manual");
    assertThat(((Number) row.get("CONSENT_LEVEL")).intValue()).isEqualTo(3);
    assertThat(((Number) row.get("TRAP_COUNT")).intValue()).isEqualTo(1);
    assertThat(row.get("COMMENT_STATUS")).isEqualTo("pending");

    // The deletion command on the page, as printed: curl with the secret and a full URL.
    String command = between(sent.body(), "id=\"deletion-command\">", "<").replace("&#39;", "'");
    String printedUrl = command.substring(command.lastIndexOf(' ') + 1);
    assertThat(command)
        .isEqualTo(
            "curl -X DELETE -H 'Shimwatch-Installation-Secret: " + secret + "' " + printedUrl);
    assertThat(printedUrl).isEqualTo(uri("/api/v1/installations/" + installation).toString());
    HttpResponse<String> deleted =
        http.send(
            HttpRequest.newBuilder(java.net.URI.create(printedUrl))
                .header("Shimwatch-Installation-Secret", secret)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(reportRows()).isEqualTo(before);
  }

  /** Two SYSLEVEL.TCP entries that disagree, as a user might paste from two machines. */
  public static final String TWO_TCPIP_LEVELS =
      "C:\\TCPIP\\BIN\\SYSLEVEL.TCP\r\n"
          + "     IBM TCP/IP Version 4.3 for OS/2\r\n"
          + "     Version 4.30     Component ID 5639B0900\r\n"
          + "     Current CSD level: UN02200\r\n"
          + "     Prior   CSD level: UN02101\r\n"
          + "\r\n"
          + "C:\\TCPIP\\BIN\\SYSLEVEL.TCP\r\n"
          + "     IBM TCP/IP Version 4.3 for OS/2\r\n"
          + "     Version 4.30     Component ID 5639B0900\r\n"
          + "     Current CSD level: UN02205\r\n"
          + "     Prior   CSD level: UN02200\r\n";

  @Test
  void artefactsThatDisagreeAreNotSentUntilThePersonChooses() throws Exception {
    int before = reportRows();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf(page("/report/new")));
    form.put("outcome", "works");
    form.put("clientName", "BitTorrent");
    form.put("pasted", TWO_TCPIP_LEVELS);
    form.put("website", "");

    HttpResponse<String> preview = post("/report/preview", form);

    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body())
        .contains("The pasted text disagrees on the TCP/IP service level (UN02200 or UN02205)")
        .contains("name=\"chooseStackLevel\" value=\"UN02205\"")
        .contains("id=\"pythonVersion\"");
    // Sending stays off until a level is chosen (a submit would be refused with the same reason;
    // not tried here, as every submit counts against this sender's hourly limit).
    assertThat(preview.body()).containsPattern("id=\"send\"[^>]*disabled");
    assertThat(reportRows()).isEqualTo(before);

    form.put("_csrf", csrf(preview.body()));
    form.put("chooseStackLevel", "UN02205");
    form.put("pythonVersion", "Python 2.3.3 (#0, Dec 20 2003, 16:54:12) [EMX GCC 2.8.1] on os2emx");
    form.put("shimVersion", "0.2");
    HttpResponse<String> sent = post("/report/submit", form);

    assertThat(sent.body()).contains("your report is stored");
    assertThat(reportRows()).isEqualTo(before + 1);
    String installation = between(sent.body(), "id=\"installation-id\">", "<");
    String raw =
        jdbc.queryForObject(
            "SELECT raw_json FROM report WHERE installation_id = ?",
            String.class,
            java.util.UUID.fromString(installation));
    assertThat(raw)
        .contains("\"level\":\"UN02205\"")
        .doesNotContain("UN02200")
        .contains("\"runtime\":{\"name\":\"EMX Python\",\"version\":\"2.3.3\"}")
        .contains("\"version\":\"0.2\"");
  }

  @Test
  void theFormStoresACommentScrubbedExactlyAsTheProbeWouldSendIt() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("outcome", "other");
    form.put("clientName", "aria2c");
    form.put("clientVersion", "1.36.0");
    form.put("website", "");
    for (String[] c :
        new String[][] {
          {PrivacySample.PLAIN, PrivacySample.PLAIN},
          {PrivacySample.COMMENT, PrivacySample.SCRUBBED},
          // What a probe sent, typed again: nothing more is taken away.
          {PrivacySample.SCRUBBED, PrivacySample.SCRUBBED}
        }) {
      form.put("_csrf", csrf(page("/report/new")));
      form.put("comment", c[0]);
      HttpResponse<String> sent = post("/report/submit", form);
      assertThat(sent.statusCode()).isEqualTo(200);
      String installation = between(sent.body(), "id=\"installation-id\">", "<");
      String stored =
          jdbc.queryForObject(
              "SELECT comment_text FROM report WHERE installation_id = ?",
              String.class,
              java.util.UUID.fromString(installation));
      assertThat(stored).isEqualTo(c[1]);
    }
  }

  @Test
  void withoutTheCsrfTokenNothingIsAccepted() throws Exception {
    page("/report/new");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("outcome", "works");
    form.put("clientName", "BitTorrent");

    HttpResponse<String> r = post("/report/submit", form);

    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void theHoneypotAndBadValuesAreRefusedWithAMessageAndNothingStored() throws Exception {
    int before = reportRows();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf(page("/report/new")));
    form.put("outcome", "works");
    form.put("clientName", "BitTorrent");
    form.put("website", "http://spam.example");
    HttpResponse<String> robot = post("/report/submit", form);

    form.put("_csrf", csrf(robot.body()));
    form.put("website", "");
    form.put("clientName", "<img src=x onerror=alert(1)>");
    HttpResponse<String> bad = post("/report/submit", form);

    assertThat(robot.statusCode()).isEqualTo(200);
    assertThat(robot.body()).contains("could not be accepted");
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.body()).contains("The client name may hold").doesNotContain("<img src=x");
    assertThat(reportRows()).isEqualTo(before);
  }

  @Test
  void publicPagesRenderWithStrictHeadersAndMaintainerPagesNeedASignIn() throws Exception {
    for (String path : new String[] {"/", "/collect", "/report/new", "/login"}) {
      HttpResponse<String> r =
          browser.send(
              HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              v -> assertThat(v).contains("script-src 'self'").contains("frame-ancestors 'none'"));
      assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(r.body()).doesNotContain("http://").doesNotContain("https://");
    }
    HttpResponse<String> maintainer =
        browser.send(
            HttpRequest.newBuilder(uri("/maintainer/reports")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(maintainer.statusCode()).isEqualTo(302);
    assertThat(maintainer.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void whatWeCollectListsEveryFieldByConsentLevel() throws Exception {
    String body = page("/collect");

    assertThat(body)
        .contains("/environment/stack/level")
        .contains("/metrics/calls/select/latency")
        .contains("/traps[]/frames")
        .contains("Level 3: diagnostics");
    int level2 = body.indexOf("Level 2: metrics");
    int level3 = body.indexOf("Level 3: diagnostics");
    assertThat(body.indexOf("/traps[]/registers")).isGreaterThan(level3);
    assertThat(body.indexOf("/traps[]/module")).isBetween(level2, level3);
  }

  private String page(String path) throws Exception {
    HttpResponse<String> r =
        browser.send(
            HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return browser.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("the page carries a CSRF token").isTrue();
    return m.group(1);
  }

  private static String between(String s, String start, String end) {
    int i = s.indexOf(start) + start.length();
    return s.substring(i, s.indexOf(end, i));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
