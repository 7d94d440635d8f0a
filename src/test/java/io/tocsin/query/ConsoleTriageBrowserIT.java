package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Silence;
import io.tocsin.testing.HeadlessChromium;
import io.tocsin.testing.RateAlerts;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
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
 * The on-call views of the web console in headless Chromium over the real alerts and the real rate
 * alerts: paging through more alerts than one page holds, the alert detail (the call in words, what
 * to do, who silenced it, the raw event one click away) and the chart of a rate alert.
 */
class ConsoleTriageBrowserIT {

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

  @SuppressWarnings("unchecked")
  private static List<String> shownFingerprints() {
    return (List<String>)
        ((JavascriptExecutor) browser())
            .executeScript(
                "return [...document.querySelectorAll('#alert-table tbody tr.alert')]"
                    + ".map(r => r.dataset.fingerprint)");
  }

  /** Opens the console with {@code options} at {@code hash} and signs in. */
  private static void open(String options, String hash) {
    browser().get(api.url() + "/?" + options + hash);
    ((JavascriptExecutor) browser()).executeScript("sessionStorage.clear()");
    browser().navigate().refresh();
    chromium
        .waitUpTo(10)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
        .sendKeys(RunningApi.TOKEN);
    browser().findElement(By.cssSelector("#login-form button")).click();
  }

  /** How many of the series' {@code points} from {@code source} have a figure to draw. */
  private static int drawn(JsonNode points, String source) {
    return (int)
        StreamSupport.stream(points.spliterator(), false)
            .filter(p -> p.path("source").asText().equals(source) && p.path("value").isNumber())
            .count();
  }

  /** Opens {@code alert}'s detail and waits for its chart. */
  private static WebElement openChart(Alert alert) {
    open("refresh=60", "#/alert/" + alert.fingerprint());
    return chromium
        .waitUpTo(10)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-svg")));
  }

  private static Alert last(String ruleId) {
    List<Alert> changes = api.alerts().stream().filter(a -> a.rule().id().equals(ruleId)).toList();
    return changes.get(changes.size() - 1);
  }

  @Test
  void shouldPageThroughMoreAlertsThanOnePageHoldsWithoutRepeats() throws Exception {
    open("refresh=1&page=10", "#/alerts");
    chromium.waitUpTo(10).until(d -> shownFingerprints().size() == 10);
    WebElement more = browser().findElement(By.id("more"));
    assertThat(more.isDisplayed()).isTrue();

    for (int shown = 20; shown <= 40; shown += 10) {
      more.click();
      int expected = shown;
      chromium.waitUpTo(10).until(d -> shownFingerprints().size() == expected);
    }
    more.click();
    chromium.waitUpTo(10).until(d -> shownFingerprints().size() == 42);
    chromium.waitUpTo(10).until(d -> !more.isDisplayed());
    assertThat(shownFingerprints()).doesNotHaveDuplicates();
    assertThat(browser().findElement(By.id("list-status")).getText()).startsWith("42 alerts ·");

    Thread.sleep(2_500); // two live refreshes walk the five pages again
    assertThat(shownFingerprints()).hasSize(42).doesNotHaveDuplicates();
    assertThat(more.isDisplayed()).isFalse();
    String firstRow =
        browser().findElement(By.cssSelector("#alert-table tbody tr.alert")).getText();
    assertThat(firstRow).startsWith("CRITICAL").contains("FIRING");
    assertThat(browser().findElements(By.cssSelector("#alert-table thead th")))
        .extracting(WebElement::getText)
        .contains("Firing since (UTC)", "Last change (UTC)");
    ((JavascriptExecutor) browser()).executeScript("window.scrollTo(0, 0)");
    screenshot("console-paging.png");
  }

  @Test
  void shouldSayWhatHappenedWhatToDoAndWhoSilencedItWithTheRawEventOneClickAway() throws Exception {
    Alert admin = RealAlerts.lastAttaching(api.alerts(), "AdministratorAccess");
    Instant now = Instant.now();
    api.silences()
        .create(
            new Silence(
                "silence-admin",
                List.of(LabelMatcher.parse("rule=cis-iam-policy-change")),
                now.minusSeconds(60),
                now.plus(Duration.ofHours(2)),
                "alice",
                "change window CHG-77"));
    try {
      open("refresh=60", "#/alert/" + admin.fingerprint());
      WebElement action =
          chromium
              .waitUpTo(10)
              .until(ExpectedConditions.visibilityOfElementLocated(By.id("action")));
      assertThat(action.getText())
          .isEqualTo("tester attached AdministratorAccess to role new-role");
      String todo = browser().findElement(By.id("what-to-do")).getText();
      assertThat(todo)
          .contains("WHAT TO DO")
          .contains("An IAM policy was created, deleted, versioned, attached or detached.");
      assertThat(browser().findElement(By.cssSelector("#what-to-do a")).getAttribute("href"))
          .isEqualTo(
              "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html");
      assertThat(browser().findElement(By.cssSelector(".silenced-by")).getText())
          .startsWith("silenced by alice until ")
          .endsWith(": change window CHG-77");

      WebElement raw = browser().findElement(By.cssSelector("#raw-events pre"));
      assertThat(raw.isDisplayed()).as("collapsed").isFalse();
      browser().findElement(By.cssSelector("#raw-events summary")).click();
      chromium.waitUpTo(5).until(d -> raw.isDisplayed());
      assertThat(raw.getText()).contains("\"eventName\": \"AttachRolePolicy\"");
      assertThat(
              ((JavascriptExecutor) browser())
                  .executeScript(
                      "return [...document.getElementById('detail').childNodes]"
                          + ".filter(n => n.nodeType === Node.TEXT_NODE).length"))
          .as("no stray text such as 'null' between the sections")
          .isEqualTo(0L);
      browser().manage().window().setSize(new Dimension(1280, 1400));
      screenshot("console-detail-what-to-do.png");
    } finally {
      browser().manage().window().setSize(new Dimension(1280, 900));
      api.silences().clear();
    }
  }

  @Test
  void shouldDrawTheRateSeriesWithThresholdAlarmPeriodAndTransitions() throws Exception {
    Alert periodic = last(RateAlerts.PERIODIC);
    WebElement chart = openChart(periodic);

    int points =
        api.json("/api/alerts/" + periodic.fingerprint() + "/series").path("points").size();
    assertThat(chart.findElements(By.cssSelector("circle.point"))).hasSize(points);
    assertThat(chart.findElements(By.cssSelector("line.threshold"))).hasSize(1);
    assertThat(chart.findElements(By.cssSelector("rect.alarm-band"))).hasSize(1);
    assertThat(chart.findElements(By.cssSelector("text.transition-label")))
        .extracting(WebElement::getText)
        .containsExactly("firing 10:06", "resolved 10:09");
    assertThat(chart.findElement(By.cssSelector("text.threshold-label")).getText())
        .isEqualTo("threshold 5 %");
    assertThat(browser().findElement(By.cssSelector("#chart h3")).getText())
        .contains("RATIO > 5 %");
    ((JavascriptExecutor) browser())
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
    screenshot("console-chart.png");
  }

  @Test
  void shouldDrawASlidingRuleMinuteByMinuteWithItsTransitions() throws Exception {
    Alert sliding = last(RateAlerts.SLIDING);
    WebElement chart = openChart(sliding);

    JsonNode series = api.json("/api/alerts/" + sliding.fingerprint() + "/series");
    JsonNode points = series.path("points");
    assertThat(chart.findElements(By.cssSelector("circle.point-minute")))
        .as("a dot per minute with a figure; a missing one breaks the line")
        .hasSize(drawn(points, "minute"))
        .hasSizeGreaterThanOrEqualTo(10);
    assertThat(chart.findElements(By.cssSelector("circle.point-change")))
        .hasSize(drawn(points, "change"));
    assertThat(chart.findElements(By.cssSelector("polyline.series"))).isNotEmpty();
    assertThat(chart.findElements(By.cssSelector("line.threshold"))).hasSize(1);
    assertThat(chart.findElements(By.cssSelector("text.transition-label")))
        .extracting(WebElement::getText)
        .hasSize(series.path("transitions").size())
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(label -> assertThat(label).matches("(firing|resolved) 10:\\d\\d"));
    assertThat(browser().findElement(By.cssSelector("#chart h3")).getText())
        .containsIgnoringCase("sliding 60s");
    ((JavascriptExecutor) browser())
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
    screenshot("console-chart-sliding.png");
  }

  @Test
  void shouldWarnAboutATypoAndRefuseASilenceOfEverythingUntilForced() {
    open("refresh=60", "#/silences");
    WebElement form =
        chromium
            .waitUpTo(10)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("silence-form")));
    form.findElement(By.name("createdBy")).sendKeys("night-shift");
    try {
      form.findElement(By.name("matchers")).sendKeys("severity=critcal");
      form.findElement(By.name("comment")).sendKeys("typo");
      form.findElement(By.cssSelector("button[type=submit]")).click();
      chromium
          .waitUpTo(10)
          .until(
              d ->
                  d.findElement(By.id("silence-warnings"))
                      .getText()
                      .contains("matcher severity=critcal matches no severity"));

      form.findElement(By.name("matchers")).sendKeys("rule=~.*");
      form.findElement(By.name("comment")).sendKeys("everything");
      form.findElement(By.cssSelector("button[type=submit]")).click();
      chromium
          .waitUpTo(10)
          .until(
              d -> d.findElement(By.id("silence-error")).getText().contains("match every alert"));
      assertThat(api.silences().all()).hasSize(1);

      form.findElement(By.name("force")).click();
      form.findElement(By.cssSelector("button[type=submit]")).click();
      chromium.waitUpTo(10).until(d -> api.silences().all().size() == 2);
    } finally {
      api.silences().clear();
    }
  }

  private static void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path shot = chromium.driver().getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
