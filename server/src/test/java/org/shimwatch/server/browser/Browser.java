package org.shimwatch.server.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.shimwatch.testing.MissingPart;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. The driver and browser are named
 * by path, so Selenium never looks for (or downloads) one of its own; the browser is told not to
 * reach anything but the server under test.
 */
public final class Browser {

  static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
  static final List<String> DRIVERS = List.of("/usr/bin/chromedriver");

  private Browser() {}

  /**
   * A new headless browser. Skips the calling test when Chromium or its driver is missing, or fails
   * it under {@code CI=true}.
   */
  public static ChromeDriver start() {
    String browser = firstExisting(System.getenv("SHIMWATCH_TEST_CHROMIUM"), BROWSERS);
    String driver = firstExisting(System.getenv("SHIMWATCH_TEST_CHROMEDRIVER"), DRIVERS);
    if (browser == null || driver == null) {
      String message =
          "Chromium and chromedriver are needed for the browser tests (Debian packages chromium"
              + " and chromium-driver; .ci/test-deps.sh installs them)";
      MissingPart.skipOrFail(message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-features=Translate,OptimizationHints,MediaRouter",
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driver))
            .usingAnyFreePort()
            .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return chrome;
  }

  private static String firstExisting(String preferred, List<String> candidates) {
    if (preferred != null && !preferred.isBlank() && Files.isExecutable(Path.of(preferred))) {
      return preferred;
    }
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    return null;
  }
}
