package org.shimwatch.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shimwatch.report.ReportJson;
import org.shimwatch.server.ServerTestSupport;
import org.shimwatch.server.manual.ManualReportPagesIntegrationTests;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pages in a real browser (Debian's headless Chromium) against the running server: what a
 * visitor and a maintainer do, and that nothing stored by a stranger ever runs as script.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class BrowserIntegrationTests extends ServerTestSupport {

  /** Markup a stranger could send in any free-text field. */
  static final List<String> PAYLOADS =
      List.of(
          "<script>window.__pwned='script'</script>",
          "\"onmouseover=\"window.__pwned='attribute'\" x=\"",
          "<img src=x onerror=\"window.__pwned='img'\">",
          "'><svg onload=\"window.__pwned='svg'\">");

  static final String PAYLOAD_TEXT = String.join(" ", PAYLOADS);

  private static ChromeDriver chrome;

  private final Map<String, String> keys = new HashMap<>();

  @BeforeEach
  void browser() {
    if (chrome == null) {
      chrome = Browser.start();
    }
    chrome.manage().deleteAllCookies();
  }

  @AfterAll
  static void closeBrowser() {
    if (chrome != null) {
      chrome.quit();
      chrome = null;
    }
  }

  @Test
  void aVisitorPastesAPopupLogSeesItParsedAndSendsIt() {
    open("/report/new");
    chrome.findElement(By.cssSelector("input[name=outcome][value=traps]")).click();
    chrome.findElement(By.id("clientName")).sendKeys("BitTorrent");
    chrome.findElement(By.id("clientVersion")).sendKeys("3.4.2");
    chrome.findElement(By.id("comment")).sendKeys("trapped while seeding");
    setValue(chrome.findElement(By.id("pasted")), ManualReportPagesIntegrationTests.POPUPLOG);
    chrome.findElement(By.cssSelector("input[type=checkbox][name=includeDiagnostics]")).click();
    int before = reportRows();
    chrome.findElement(By.cssSelector("main form button[type=submit]")).click();

    String understood = waitFor(By.id("understood")).getText();
    assertThat(understood).contains("OS: os2").contains("1 trap");
    assertThat(chrome.findElement(By.id("report-json")).getText())
        .contains("c0000005")
        .contains("DOSCALL1");
    assertThat(reportRows()).as("nothing stored by the preview").isEqualTo(before);

    chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
    assertThat(waitFor(By.id("installation-secret")).getText()).isNotBlank();
    assertThat(reportRows()).isEqualTo(before + 1);
  }

  @Test
  void aVisitorPastingTwoTcpipLevelsChoosesOneThenSends() {
    open("/report/new");
    chrome.findElement(By.cssSelector("input[name=outcome][value=works]")).click();
    chrome.findElement(By.id("clientName")).sendKeys("BitTorrent");
    setValue(
        chrome.findElement(By.id("pasted")), ManualReportPagesIntegrationTests.TWO_TCPIP_LEVELS);
    int before = reportRows();
    chrome.findElement(By.cssSelector("main form button[type=submit]")).click();

    WebElement choices = waitFor(By.id("choices"));
    assertThat(choices.getText()).contains("UN02200").contains("UN02205");
    assertThat(chrome.findElement(By.id("send")).isEnabled()).isFalse();
    chrome.findElement(By.id("chooseStackLevel-1")).click();
    chrome.findElement(By.id("pythonVersion")).sendKeys("2.3.3");
    WebElement oldAnswer = chrome.findElement(By.id("check-again"));
    oldAnswer.click();

    // The page is replaced by the new answer: wait until the old one is gone, then read the new.
    new WebDriverWait(chrome, Duration.ofSeconds(20))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(oldAnswer));
    new WebDriverWait(chrome, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> d.findElement(By.id("report-json")).getText().contains("UN02205"));
    assertThat(chrome.findElement(By.id("report-json")).getText())
        .contains("\"version\" : \"2.3.3\"")
        .doesNotContain("UN02200");
    assertThat(chrome.findElement(By.id("send")).isEnabled()).isTrue();
    chrome.findElement(By.id("send")).click();
    assertThat(waitFor(By.id("installation-secret")).getText()).isNotBlank();
    assertThat(reportRows()).isEqualTo(before + 1);
  }

  @Test
  void markupInAManualReportNeverRuns() {
    open("/report/new");
    chrome.findElement(By.cssSelector("input[name=outcome][value=works]")).click();
    chrome.findElement(By.id("clientName")).sendKeys("BitTorrent");
    setValue(chrome.findElement(By.id("comment")), PAYLOAD_TEXT);
    setValue(chrome.findElement(By.id("pasted")), PAYLOAD_TEXT + "\n" + PAYLOAD_TEXT);
    chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
    waitFor(By.id("report-json"));
    assertNothingRan();
    assertThat(chrome.getPageSource()).contains("&lt;script&gt;");
  }

  @Test
  void aVisitorFiltersTheMatrixAndOpensACell() throws Exception {
    String project = newProject("browser-matrix");
    for (int i = 0; i < 3; i++) {
      postTo(project, freshReport("linux-aria2c-works"));
      postTo(project, freshReport("os2-bittorrent-trap-tcpip32"));
    }
    open("/matrix/" + project);
    assertThat(chrome.findElements(By.cssSelector("table.matrix tbody tr"))).hasSize(2);

    WebElement stack = chrome.findElement(By.id("f-stack"));
    stack.clear();
    stack.sendKeys("os2-tcpip");
    chrome.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    new WebDriverWait(chrome, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().contains("stack=os2-tcpip"));
    List<WebElement> rows = chrome.findElements(By.cssSelector("table.matrix tbody tr"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText()).contains("os2-tcpip").doesNotContain("Debian");

    WebElement cell = rows.get(0).findElement(By.cssSelector("td a"));
    assertThat(cell.getText()).contains("broken");
    cell.click();
    assertThat(waitFor(By.id("reports")).getText()).isEqualTo("3");
    assertThat(chrome.findElement(By.id("installations")).getText()).isEqualTo("3");
    assertThat(chrome.findElement(By.id("outcome-traps")).getText()).isEqualTo("3");
    assertThat(chrome.getPageSource()).doesNotContain(SECRET);
  }

  @Test
  void aMaintainerSignsInAndOpensAReportWithItsCharts() throws Exception {
    String project = newProject("browser-report");
    ObjectNode report = freshReport("select-problem-histograms");
    postTo(project, report);
    open("/maintainer/reports?project=" + project);
    assertThat(chrome.getCurrentUrl())
        .as("anonymous visitors are sent to sign in")
        .endsWith("/login");
    signIn();
    open("/maintainer/reports?project=" + project);
    chrome.findElement(By.cssSelector("table.reports tbody tr a")).click();
    waitFor(By.id("calls"));
    assertThat(chrome.getCurrentUrl()).contains(report.get("reportId").asString());
    List<WebElement> charts = chrome.findElements(By.cssSelector("#calls svg[role=img]"));
    assertThat(charts).isNotEmpty();
    assertThat(charts.get(0).getSize().getHeight()).as("the chart is drawn").isGreaterThan(20);
    assertThat(charts.get(0).findElements(By.cssSelector("rect, path, polyline"))).isNotEmpty();
  }

  @Test
  void markupInStoredReportsNeverRunsOnAnyPage() throws Exception {
    String project = newProject("browser-xss");
    ObjectNode hostile = freshReport("os2-bittorrent-trap-tcpip32");
    hostile.put("comment", PAYLOAD_TEXT);
    postTo(project, hostile);
    for (int i = 0; i < 2; i++) {
      ObjectNode other = freshReport("os2-bittorrent-trap-tcpip32");
      other.put("comment", PAYLOADS.get(i));
      postTo(project, other);
    }
    signIn();
    String id = hostile.get("reportId").asString();
    for (String page :
        List.of(
            "/maintainer?project=" + project,
            "/maintainer/reports?project=" + project + "&q=pwned",
            "/maintainer/reports/" + id + "?project=" + project,
            "/maintainer/comments?project=" + project,
            "/maintainer/traps?project=" + project)) {
      open(page);
      assertThat(chrome.getTitle()).doesNotContainIgnoringCase("error");
      assertNothingRan();
    }
    open("/maintainer/reports/" + id + "?project=" + project);
    assertThat(chrome.findElement(By.id("comment")).getText()).contains("<script>");

    // Approve every comment, so they show on the public cell page too.
    open("/maintainer/comments?project=" + project);
    for (int i = 0; i < 3; i++) {
      List<WebElement> approve =
          chrome.findElements(By.cssSelector("button[name=decision][value=approved]:enabled"));
      if (approve.isEmpty()) {
        break;
      }
      WebElement button = approve.get(0);
      button.click();
      new WebDriverWait(chrome, Duration.ofSeconds(20))
          .until(ExpectedConditions.stalenessOf(button));
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM report r JOIN project p ON p.id = r.project_id"
                    + " WHERE p.slug = ? AND r.comment_status = 'approved'",
                Integer.class,
                project))
        .isEqualTo(3);
    open("/maintainer/traps?project=" + project);
    chrome.findElement(By.cssSelector("main table a[href*='/maintainer/traps/']")).click();
    waitFor(By.cssSelector("main h1"));
    assertNothingRan();

    chrome.manage().deleteAllCookies();
    open("/matrix/" + project);
    chrome.findElement(By.cssSelector("table.matrix td a")).click();
    waitFor(By.id("comments-title"));
    assertThat(chrome.findElement(By.cssSelector(".comments")).getText()).contains("<script>");
    assertNothingRan();
  }

  @Test
  void aMaintainerWritesAdviceAndAVisitorSeesItOnTheCell() throws Exception {
    String project = newProject("browser-advice");
    for (int i = 0; i < 3; i++) {
      postTo(project, freshReport("os2-bittorrent-trap-tcpip32"));
      postTo(project, freshReport("linux-aria2c-works"));
    }
    signIn();
    open("/maintainer/advice?project=" + project);
    chrome.findElement(By.linkText("Write advice")).click();
    waitFor(By.id("title")).sendKeys("TCP/IP 4.21 to 4.32 without UN02200");
    setValue(
        chrome.findElement(By.id("body")),
        "Install **UN02200** before running a client.\n\n- set `SHIMWATCH_DISABLE=1`\n"
            + "- [read the fix](https://example.org/un02200) [bad](javascript:window.__pwned='link')\n\n"
            + PAYLOAD_TEXT);
    chrome.findElement(By.id("stackName")).sendKeys("os2-tcpip");
    chrome.findElement(By.id("stackFrom")).sendKeys("4.21");
    chrome.findElement(By.id("stackTo")).sendKeys("4.32");
    chrome.findElement(By.id("fixedIn")).sendKeys("0.3.0");
    chrome.findElement(By.id("save-advice")).click();
    new WebDriverWait(chrome, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().contains("/maintainer/advice?project="));
    assertThat(chrome.findElement(By.cssSelector("main .notice")).getText()).contains("saved");

    // A bad range comes back with its message, and nothing more is stored.
    chrome.findElement(By.linkText("Write advice")).click();
    waitFor(By.id("title")).sendKeys("Upside down");
    chrome.findElement(By.id("body")).sendKeys("text");
    chrome.findElement(By.id("stackName")).sendKeys("os2-tcpip");
    chrome.findElement(By.id("stackFrom")).sendKeys("4.32");
    chrome.findElement(By.id("stackTo")).sendKeys("4.21");
    chrome.findElement(By.id("save-advice")).click();
    assertThat(waitFor(By.id("form-problem")).getText()).contains("down to 4.21");
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM advice a JOIN project p ON p.id = a.project_id WHERE"
                    + " p.slug = ?",
                Integer.class,
                project))
        .isEqualTo(1);

    chrome.manage().deleteAllCookies();
    open("/matrix/" + project);
    List<WebElement> marked =
        chrome.findElements(By.cssSelector("table.matrix td a .advice-marker"));
    assertThat(marked).as("the OS/2 row's cell, not the Linux one").hasSize(1);
    marked.get(0).click();
    WebElement entry = waitFor(By.cssSelector("section.advice article.advice-entry"));
    assertThat(entry.findElement(By.cssSelector("h3")).getText())
        .isEqualTo("TCP/IP 4.21 to 4.32 without UN02200");
    assertThat(entry.findElement(By.cssSelector(".advice-body strong")).getText())
        .isEqualTo("UN02200");
    assertThat(entry.findElement(By.cssSelector(".advice-body li code")).getText())
        .isEqualTo("SHIMWATCH_DISABLE=1");
    List<WebElement> links = entry.findElements(By.cssSelector(".advice-body a"));
    assertThat(links).hasSize(1);
    assertThat(links.get(0).getAttribute("href")).isEqualTo("https://example.org/un02200");
    assertThat(entry.getText()).contains("<script>").contains("Fixed in shim 0.3.0");
    assertNothingRan();
  }

  // ---------------------------------------------------------------- helpers

  private String newProject(String prefix) throws Exception {
    String slug = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/admin/projects"))
                .header("Authorization", adminAuth())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
    HttpResponse<String> key =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/admin/projects/" + slug + "/keys"))
                .header("Authorization", adminAuth())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"browser\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(key.statusCode()).as(key.body()).isBetween(200, 201);
    keys.put(slug, ReportJson.mapper().readTree(key.body()).get("key").asString());
    return slug;
  }

  private void postTo(String project, ObjectNode report) throws Exception {
    HttpResponse<String> r =
        send(
            reportRequest(project, keys.get(project), SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(report.toString())));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private void signIn() {
    open("/login");
    chrome.findElement(By.id("username")).sendKeys("admin");
    chrome.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
    chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(chrome, Duration.ofSeconds(20))
        .until(d -> !d.getCurrentUrl().endsWith("/login"));
    assertThat(chrome.findElements(By.cssSelector("nav.maintainer"))).isNotEmpty();
  }

  private void open(String path) {
    chrome.get(uri(path).toString());
  }

  private static WebElement waitFor(By by) {
    return new WebDriverWait(chrome, Duration.ofSeconds(20))
        .until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  /** Types long text in one go (sendKeys would take seconds per kilobyte). */
  private static void setValue(WebElement e, String text) {
    ((JavascriptExecutor) chrome).executeScript("arguments[0].value = arguments[1];", e, text);
  }

  /**
   * Hovers everything that shows stored text, then checks that no payload ran and that none of them
   * became an element or an event attribute (the CSP would stop inline script from running, so the
   * page's structure is checked too: escaping must hold on its own).
   */
  static void assertNothingRan() {
    WebDriver d = chrome;
    Actions hover = new Actions(d);
    for (WebElement e : d.findElements(By.cssSelector("main *"))) {
      if (e.isDisplayed() && e.getText().contains("pwned")) {
        hover.moveToElement(e).perform();
      }
    }
    JavascriptExecutor js = (JavascriptExecutor) d;
    assertThat(js.executeScript("return window.__pwned === undefined ? null : window.__pwned;"))
        .as("a stored payload ran on " + d.getCurrentUrl())
        .isNull();
    assertThat(
            js.executeScript(
                "return document.querySelectorAll('script:not([src]), [onmouseover], [onerror],"
                    + " [onload], img[src=x]').length;"))
        .as("markup from stored text became part of " + d.getCurrentUrl())
        .isEqualTo(0L);
  }
}
