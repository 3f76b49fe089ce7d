package org.shimwatch.server.browser;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.shimwatch.report.ReportJson;
import tools.jackson.databind.JsonNode;

/**
 * Not a test: the README's screenshots. Starts the built server jar with its demo data on a free
 * loopback port, signs in, and saves the main pages at desktop and phone width. Run with {@code mvn
 * -q -Pscreenshots -DskipTests verify} (in {@code server/}, after a build).
 */
public final class Screenshots {

  static final String PASSWORD = "screenshot-password";
  static final int MAX_HEIGHT = 2000;

  private Screenshots() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path out = Path.of(args[1]);
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the server first: " + jar + " is missing");
    }
    Files.createDirectories(out);
    Path data = Files.createTempDirectory("shimwatch-screenshots");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process server =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--shimwatch.data-dir=" + data,
                "--shimwatch.admin-password=" + PASSWORD,
                "--demo",
                "--logging.level.root=WARN")
            .redirectErrorStream(true)
            .redirectOutput(File.createTempFile("shimwatch-screenshots", ".log"))
            .start();
    ChromeDriver chrome = null;
    try {
      String base = "http://127.0.0.1:" + port;
      HttpClient http = HttpClient.newHttpClient();
      waitHealthy(http, base, server);
      String home = get(http, base + "/", false);
      Matcher cell =
          Pattern.compile(
                  "href=\"(/matrix/default/cell\\?[^\"]+)\"[^>]*>\\s*<span class=\"tier\">(works|mostly works)<")
              .matcher(home);
      String cellPath = cell.find() ? cell.group(1).replace("&amp;", "&") : null;
      Matcher advised =
          Pattern.compile(
                  "href=\"(/matrix/default/cell\\?[^\"]+)\"[^>]*>\\s*<span class=\"tier\">(?:works|mostly works|broken)</span>\\s*<span class=\"advice-marker\">")
              .matcher(home);
      String advicePath = advised.find() ? advised.group(1).replace("&amp;", "&") : null;
      JsonNode reports =
          ReportJson.mapper()
              .readTree(get(http, base + "/api/v1/admin/projects/default/reports?size=200", true));
      String reportId = null;
      for (JsonNode r : reports.get("reports")) {
        if (r.get("trapCount").asInt() > 0) {
          reportId = r.get("reportId").asString();
          break;
        }
      }

      chrome = Browser.start();
      List<String[]> visitor = new ArrayList<>();
      visitor.add(new String[] {"matrix", "/"});
      if (cellPath != null) {
        visitor.add(new String[] {"matrix-cell", cellPath});
      }
      if (advicePath != null) {
        visitor.add(new String[] {"matrix-cell-advice", advicePath});
      }
      visitor.add(new String[] {"manual-report", "/report/new"});
      visitor.add(new String[] {"what-we-collect", "/collect"});
      visitor.add(new String[] {"matrix-rules", "/matrix/rules"});
      shoot(chrome, base, out, visitor, 1280, "");
      shoot(chrome, base, out, visitor.subList(0, 1), 390, "-phone");
      shootCheck(chrome, base, out);

      chrome.get(base + "/login");
      chrome.findElement(By.id("username")).sendKeys("admin");
      chrome.findElement(By.id("password")).sendKeys(PASSWORD);
      chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
      Thread.sleep(1000);
      List<String[]> maintainer = new ArrayList<>();
      maintainer.add(new String[] {"dashboard-overview", "/maintainer"});
      maintainer.add(new String[] {"dashboard-reports", "/maintainer/reports"});
      if (reportId != null) {
        maintainer.add(new String[] {"dashboard-report", "/maintainer/reports/" + reportId});
      }
      maintainer.add(new String[] {"dashboard-trap-groups", "/maintainer/traps"});
      maintainer.add(
          new String[] {
            "dashboard-latency", "/maintainer/latency?kind=select&by=shim&a=2004-02&b=2004-05"
          });
      maintainer.add(new String[] {"dashboard-comments", "/maintainer/comments"});
      shoot(chrome, base, out, maintainer, 1280, "");
    } finally {
      if (chrome != null) {
        chrome.quit();
      }
      server.destroy();
      server.waitFor();
    }
  }

  /**
   * What an eComStation 1.1 user with TCP/IP 4.3 at UN02200 and no NEWSTACK pastes (made for the
   * screenshot in the shape of real {@code syslevel} output and a CONFIG.SYS line).
   */
  static final String CHECK_PASTE =
      "C:\\OS2\\INSTALL\\SYSLEVEL.ECS\n"
          + "     eComStation\n"
          + "     Version 1.10     Component ID 5639A6100\n"
          + "     Current CSD level: XR0C005\n"
          + "     Prior   CSD level: XR0C005\n"
          + "\n"
          + "C:\\TCPIP\\BIN\\SYSLEVEL.TCP\n"
          + "     IBM TCP/IP Version 4.3 for OS/2\n"
          + "     Version 4.30     Component ID 5639B0900\n"
          + "     Current CSD level: UN02200\n"
          + "     Prior   CSD level: UN02101\n"
          + "\n"
          + "SET PYTHONPATH=D:\\PYTHON23\\Lib;D:\\PYTHON23\\Lib\\exp-dynload;"
          + "D:\\PYTHON23\\Lib\\lib-dynload\n";

  /** The check page with that paste answered. */
  private static void shootCheck(ChromeDriver chrome, String base, Path out) throws Exception {
    chrome.manage().window().setSize(new Dimension(1280, 900));
    chrome.get(base + "/check/default");
    ((JavascriptExecutor) chrome)
        .executeScript(
            "arguments[0].value = arguments[1];",
            chrome.findElement(org.openqa.selenium.By.id("pasted")),
            CHECK_PASTE);
    chrome.findElement(org.openqa.selenium.By.id("check-button")).click();
    new org.openqa.selenium.support.ui.WebDriverWait(chrome, java.time.Duration.ofSeconds(20))
        .until(d -> !d.findElements(org.openqa.selenium.By.id("answer")).isEmpty());
    long height =
        (Long)
            ((JavascriptExecutor) chrome)
                .executeScript("return document.documentElement.scrollHeight;");
    chrome.manage().window().setSize(new Dimension(1280, (int) Math.min(height, MAX_HEIGHT)));
    Path file = out.resolve("check.png");
    Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
    System.out.println("screenshot " + file + ": " + chrome.getTitle());
  }

  private static void shoot(
      ChromeDriver chrome, String base, Path out, List<String[]> pages, int width, String suffix)
      throws Exception {
    for (String[] page : pages) {
      chrome.manage().window().setSize(new Dimension(width, 900));
      chrome.get(base + page[1]);
      long height =
          (Long)
              ((JavascriptExecutor) chrome)
                  .executeScript("return document.documentElement.scrollHeight;");
      chrome.manage().window().setSize(new Dimension(width, (int) Math.min(height, MAX_HEIGHT)));
      Path file = out.resolve(page[0] + suffix + ".png");
      Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
      System.out.println("screenshot " + file + ": " + chrome.getTitle());
    }
  }

  private static String get(HttpClient http, String url, boolean admin)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (admin) {
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void waitHealthy(HttpClient http, String base, Process server) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited while starting");
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the server did not start within two minutes");
  }
}
