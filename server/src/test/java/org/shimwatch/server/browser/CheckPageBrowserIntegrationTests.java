package org.shimwatch.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shimwatch.server.ServerTestSupport;
import org.shimwatch.server.check.CheckData;

/**
 * The check page in a real browser (Debian's headless Chromium) against the running server: a
 * visitor pastes what their OS/2 system says and reads the answer, pastes garbage and is told what
 * could not be read, or picks a setup; nothing they enter runs as script or is stored.
 */
class CheckPageBrowserIntegrationTests extends ServerTestSupport {

  private static ChromeDriver chrome;
  private static String project;

  @BeforeEach
  void browser() throws Exception {
    if (chrome == null) {
      chrome = Browser.start();
    }
    if (project == null) {
      project = CheckData.project("http://127.0.0.1:" + port, adminAuth(), "browser-check");
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

  private void open(String path) {
    chrome.get(uri(path).toString());
  }

  private static WebElement waitFor(By by) {
    return new WebDriverWait(chrome, Duration.ofSeconds(20))
        .until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  private static void setValue(WebElement e, String text) {
    ((JavascriptExecutor) chrome).executeScript("arguments[0].value = arguments[1];", e, text);
  }

  @Test
  void aVisitorPastesWhatTheirSystemSaysAndReadsTheAnswer() throws Exception {
    Map<String, Long> before = CheckData.rowCounts(jdbc);
    open("/check/" + project);
    setValue(chrome.findElement(By.id("pasted")), CheckData.resource("synthetic-pasted-mix.txt"));
    chrome.findElement(By.id("platform")).sendKeys("eComStation 1.1");
    chrome.findElement(By.id("check-button")).click();

    waitFor(By.id("answer"));
    assertThat(chrome.findElement(By.id("setup")).getText())
        .contains("eComStation 1.1")
        .contains("os2-tcpip 4.3")
        .contains("UN02200, no NEWSTACK");
    assertThat(chrome.findElement(By.id("row-tier")).getText()).isEqualTo("broken");
    assertThat(chrome.findElement(By.id("nearest")).getText())
        .contains("UN02200 + NEWSTACK")
        .contains("works")
        .contains("same stack");
    assertThat(chrome.findElement(By.id("best-missing")).getText())
        .contains("newstack:NEWSTACK")
        .contains("18 of 18 with it");
    assertThat(chrome.findElement(By.id("prerequisites")).getText())
        .contains("TCP/IP 4.21 or later")
        .contains("TCPIP32.DLL");
    assertThat(chrome.findElement(By.id("install")).getText()).contains("would not load");
    assertThat(chrome.findElement(By.id("nothing-stored")).getText())
        .contains("Nothing you entered was stored");
    // The paste stays in the form, to change and ask again.
    assertThat(chrome.findElement(By.id("pasted")).getAttribute("value")).contains("UN02200");
    assertThat(CheckData.rowCounts(jdbc)).isEqualTo(before);
  }

  @Test
  void garbageIsAnsweredWithWhatCouldNotBeRead() {
    open("/check/" + project);
    setValue(chrome.findElement(By.id("pasted")), "lorem ipsum\ndolor sit amet\n");
    chrome.findElement(By.id("check-button")).click();

    WebElement unreadable = waitFor(By.id("unreadable"));
    assertThat(unreadable.getText()).contains("Could not read what you pasted.");
    assertThat(unreadable.findElements(By.tagName("li"))).isNotEmpty();
    assertThat(chrome.findElements(By.id("setup"))).isEmpty();
  }

  @Test
  void aVisitorPicksTheirSetupAndMarkupNeverRuns() {
    open("/check/" + project);
    chrome.findElement(By.id("platform")).sendKeys("eComStation 1.1");
    chrome.findElement(By.id("stack")).sendKeys("os2-tcpip 4.3");
    chrome.findElement(By.id("fixes")).sendKeys("UN02200 NEWSTACK");
    chrome.findElement(By.id("check-button")).click();
    assertThat(waitFor(By.id("row-tier")).getText()).isEqualTo("works");
    assertThat(chrome.findElement(By.id("your-fixes")).getText()).contains("newstack:NEWSTACK");

    open("/check/" + project);
    setValue(chrome.findElement(By.id("fixes")), BrowserIntegrationTests.PAYLOADS.get(2));
    setValue(chrome.findElement(By.id("pasted")), BrowserIntegrationTests.PAYLOAD_TEXT);
    chrome.findElement(By.id("check-button")).click();
    assertThat(waitFor(By.id("problem")).getText()).contains("A fix is a CSD level");
    JavascriptExecutor js = chrome;
    assertThat(js.executeScript("return window.__pwned === undefined ? null : window.__pwned;"))
        .isNull();
    assertThat(
            js.executeScript(
                "return document.querySelectorAll('script:not([src]), [onmouseover], [onerror],"
                    + " [onload], img[src=x]').length;"))
        .isEqualTo(0L);
  }
}
