package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.testing.DeployedRateAlerts;
import io.tocsin.testing.HeadlessChromium;
import io.tocsin.testing.RunningApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's Deployments page in headless Chromium over a bad deploy (orders-api 42, a
 * regression, with the rate alerts that started after it), a clean one (43, verified) and a stack
 * update that rolled back: the list, one deploy with its figures and chart, and the way from an
 * alert to the deploy it started after. Screenshots go to target/screenshots.
 */
class DeploymentsBrowserIT {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;

  private static RunningApi api;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        Files.isExecutable(HeadlessChromium.DRIVER),
        "no " + HeadlessChromium.DRIVER + ": apt-get install chromium chromium-driver");
    api = RunningApi.withRateAlerts();
    chromium = new HeadlessChromium(dir);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private static WebDriver browser() {
    return chromium.driver();
  }

  /** Opens the console at {@code hash} and signs in. */
  private static void open(String hash) {
    browser().get(api.url() + "/?refresh=60" + hash);
    ((JavascriptExecutor) browser()).executeScript("sessionStorage.clear()");
    browser().navigate().refresh();
    chromium
        .waitUpTo(10)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
        .sendKeys(RunningApi.TOKEN);
    browser().findElement(By.cssSelector("#login-form button")).click();
  }

  private static String deployHash(String id) {
    return "#/deploy/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static List<Alert> linkedAlerts() {
    return api.alerts().stream()
        .filter(a -> a.context() != null && a.context().has("deploy"))
        .toList();
  }

  @Test
  void shouldListTheBadAndTheCleanDeployWithVerdictsAndErrorRatios() throws Exception {
    open("#/deploys");
    chromium
        .waitUpTo(10)
        .until(d -> d.findElements(By.cssSelector("#deploy-table tr.deploy")).size() == 3);
    List<WebElement> rows = browser().findElements(By.cssSelector("#deploy-table tr.deploy"));
    assertThat(rows)
        .extracting(r -> r.getAttribute("data-id"))
        .containsExactly(
            DeployedRateAlerts.CLEAN_ID, DeployedRateAlerts.STACK_ID, DeployedRateAlerts.BAD_ID);
    assertThat(rows.get(0).getText()).contains("orders-api", "43", "VERIFIED", "4.0 % → 1.0 %");
    assertThat(rows.get(1).getText()).contains("orders-platform", "rolled back", "FAILED");
    assertThat(rows.get(2).getText()).contains("alice", "REGRESSION", "1.0 % → 8.0 %");
    assertThat(browser().findElement(By.id("nav-deploys")).getAttribute("class"))
        .contains("current");
    screenshot("deployments-list.png");

    rows.get(2).click();
    chromium
        .waitUpTo(10)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-chart")));
    assertThat(browser().getCurrentUrl()).endsWith(deployHash(DeployedRateAlerts.BAD_ID));
  }

  @Test
  void shouldShowTheBadDeployWithFiguresChartAndTheAlertsThatStartedAfterIt() throws Exception {
    open(deployHash(DeployedRateAlerts.BAD_ID));
    WebElement chart =
        chromium
            .waitUpTo(10)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-chart")));
    assertThat(browser().findElement(By.id("deploy-title")).getText())
        .isEqualTo("orders-api · version 42 · lambda UpdateFunctionCode");
    assertThat(browser().findElement(By.id("verdict-line")).getText())
        .isEqualTo("REGRESSION 75 s after the deploy, at 2026-11-26 10:05:15Z");
    assertThat(browser().findElement(By.id("deploy-figures")).getText())
        .contains("Errors 12 (1.00 %) 30 (8.00 %)")
        .contains("Invocations 1200 375");

    WebElement before = chart.findElement(By.cssSelector("line.ratio-before"));
    WebElement after = chart.findElement(By.cssSelector("line.ratio-after"));
    assertThat(Double.parseDouble(after.getAttribute("y1")))
        .as("8 % is drawn above 1 %")
        .isLessThan(Double.parseDouble(before.getAttribute("y1")));
    assertThat(Double.parseDouble(after.getAttribute("x1")))
        .as("the after step starts at the deploy line")
        .isEqualTo(
            Double.parseDouble(
                chart.findElement(By.cssSelector("line.deploy-line")).getAttribute("x1")));
    assertThat(chart.findElements(By.cssSelector("text.ratio-label")))
        .extracting(WebElement::getText)
        .containsExactly("before (4 min) 1.00 %", "after 8.00 %");
    assertThat(chart.findElement(By.cssSelector("text.verdict-label")).getText())
        .isEqualTo("regression");

    List<WebElement> linked = browser().findElements(By.cssSelector("a.linked-alert"));
    assertThat(linked)
        .hasSize((int) linkedAlerts().stream().map(Alert::fingerprint).distinct().count());
    browser().manage().window().setSize(new Dimension(1280, 1300));
    try {
      screenshot("deployment-regression.png");
    } finally {
      browser().manage().window().setSize(new Dimension(1280, 900));
    }

    linked.get(0).click();
    WebElement note =
        chromium
            .waitUpTo(10)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-note")));
    assertThat(note.getText())
        .matches("started \\d+ s after deploy 42 of orders-api by alice · the deployment");
    screenshot("alert-after-deploy.png");
    note.findElement(By.tagName("a")).click();
    chromium
        .waitUpTo(10)
        .until(d -> d.getCurrentUrl().endsWith(deployHash(DeployedRateAlerts.BAD_ID)));
  }

  @Test
  void shouldShowTheCleanDeployAsVerifiedWithNoAlertAfterIt() throws Exception {
    open(deployHash(DeployedRateAlerts.CLEAN_ID));
    chromium
        .waitUpTo(10)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-chart")));
    assertThat(browser().findElement(By.id("verdict-line")).getText()).startsWith("VERIFIED");
    assertThat(browser().findElement(By.id("no-linked-alerts")).getText())
        .isEqualTo("No alert started after this deployment.");
    assertThat(
            ((JavascriptExecutor) browser())
                .executeScript(
                    "return [...document.getElementById('deployment').childNodes]"
                        + ".filter(n => n.nodeType === Node.TEXT_NODE).length"))
        .as("no stray text such as 'null' between the sections")
        .isEqualTo(0L);
    screenshot("deployment-verified.png");
  }

  private static void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path shot = chromium.driver().getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
