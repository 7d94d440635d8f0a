package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.store.AlertQuery;
import io.tocsin.testing.HeadlessChromium;
import io.tocsin.testing.InMemorySilenceStore;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import io.tocsin.testing.StoreInstance;
import io.tocsin.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in headless Chromium against a running instance on the embedded broker with real
 * alerts: sign in with the token, filter, open an alert, see a new alert arrive by live refresh
 * (its hostile title shown as text), create and expire a silence, and see the errors of the loaded
 * rule files in the rule view.
 */
class ConsoleBrowserIT {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final List<Alert> ALERTS = RealAlerts.from(RealAlerts.T0);
  private static final List<DeliveryReceipt> RECEIPTS = RealAlerts.receipts(ALERTS);

  private static final Path SIGMA = Path.of("src/test/resources/sigma/sigmahq/unsupported");

  /** The rules of the real alerts plus two real SigmaHQ files tocsin refuses. */
  private static final RuleSet RULES =
      RuleLoader.load(
          List.of(
              Path.of("src/test/resources/alerts/rules"),
              SIGMA.resolve("aws_ses_messaging_enabled.yml"),
              SIGMA.resolve("aws_lambda_function_created_or_invoked.yml")),
          false);

  @TempDir static Path dir;

  private static EmbeddedKafkaBroker broker;
  private static KafkaSettings kafka;
  private static StoreInstance instance;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(HeadlessChromium.DRIVER),
        "no " + HeadlessChromium.DRIVER + ": apt-get install chromium chromium-driver");
    broker = EmbeddedKafkaBroker.start(dir.resolve("broker"));
    kafka =
        StoreInstance.seed(broker, 2, "tocsin-console-it", dir.resolve("state"), ALERTS, RECEIPTS);
    instance =
        new StoreInstance(
            kafka, "console", dir.resolve("instance"), new InMemorySilenceStore(), RULES);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> instance.alerts().list(AlertQuery.all(500)).alerts().size() == 40);
    long t0 = System.nanoTime();
    chromium = new HeadlessChromium(dir);
    System.out.printf(
        "console IT: browser started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (instance != null) {
      instance.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static WebDriver browser() {
    return chromium.driver();
  }

  private static List<WebElement> rows() {
    return browser().findElements(By.cssSelector("#alert-table tbody tr.alert"));
  }

  /**
   * The text of every alert row in one snapshot: live refresh re-renders the list, so element
   * references read one by one could go stale in between.
   */
  @SuppressWarnings("unchecked")
  private static List<String> rowTexts(String selector) {
    return (List<String>)
        ((JavascriptExecutor) browser())
            .executeScript(
                "return [...document.querySelectorAll('#alert-table tbody tr.alert')]"
                    + ".map(r => (arguments[0] ? r.querySelector(arguments[0]) : r).innerText)",
                selector);
  }

  /** Clicks the first alert row containing {@code text}, retrying if a refresh replaced it. */
  private static void clickRow(String text) {
    chromium
        .waitUpTo(10)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              for (WebElement row : rows()) {
                if (row.getText().contains(text)) {
                  row.click();
                  return true;
                }
              }
              return false;
            });
  }

  /** Opens the console in a tab without a stored token and signs in. */
  private static void signIn() {
    browser().get(instance.url() + "/?refresh=1#/alerts");
    ((JavascriptExecutor) browser()).executeScript("sessionStorage.clear()");
    browser().navigate().refresh();
    WebElement token =
        chromium.waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    token.sendKeys(RunningApi.TOKEN);
    browser().findElement(By.cssSelector("#login-form button")).click();
    chromium.waitUpTo(10).until(d -> rows().size() >= 40);
  }

  @Test
  void shouldListFilterAndOpenRealAlertsThenShowANewOneLive() throws Exception {
    long t0 = System.nanoTime();
    signIn();
    assertThat(browser().findElement(By.id("summary")).getText())
        .contains("firing")
        .contains("critical");
    assertThat(rowTexts("").get(0)).as("firing criticals first").startsWith("CRITICAL\tFIRING");
    Path list = screenshot("console.png");
    System.out.println("console screenshot: " + list.toAbsolutePath());

    new Select(browser().findElement(By.name("severity"))).selectByValue("critical");
    browser().findElement(By.name("q")).sendKeys("root");
    browser().findElement(By.id("apply")).click();
    chromium.waitUpTo(10).until(d -> rows().size() == 3);
    assertThat(browser().getCurrentUrl()).contains("severity=critical").contains("q=root");
    assertThat(rowTexts(".sev")).containsOnly("CRITICAL");
    clickRow("arn:aws:iam::123456789012:root");
    WebElement title =
        chromium
            .waitUpTo(10)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-title")));
    assertThat(title.getText())
        .isEqualTo("Root user activity — arn:aws:iam::123456789012:root 123456789012");
    String detail = browser().findElement(By.id("detail")).getText();
    assertThat(detail)
        .contains("HISTORY")
        .contains("DELIVERED")
        .contains("security-pager")
        .contains("Principal");
    assertThat(
            browser()
                .findElements(By.cssSelector("#detail table.plain"))
                .get(0)
                .findElements(By.cssSelector("tbody tr")))
        .hasSize(3);
    browser().manage().window().setSize(new Dimension(1280, 1500));
    System.out.println(
        "console detail screenshot: " + screenshot("console-detail.png").toAbsolutePath());
    browser().manage().window().setSize(new Dimension(1280, 900));

    browser().findElement(By.id("back")).click();
    chromium.waitUpTo(10).until(d -> rows().size() == 3);
    browser().findElement(By.id("clear")).click();
    chromium.waitUpTo(10).until(d -> rows().size() == 40);
    Alert hostile = hostileAlert();
    StoreInstance.produce(kafka, Topics.ALERTS, List.of(hostile), Alert::fingerprint);
    chromium.waitUpTo(10).until(d -> rows().size() == 41);
    assertThat(rowTexts(".title"))
        .anySatisfy(t -> assertThat(t).contains("Live alert <img src=x onerror=alert(1)>"));
    assertThat(browser().findElements(By.cssSelector("#alert-table img"))).isEmpty();
    System.out.printf(
        "console IT: load, filter, detail and live refresh in %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void shouldCreateAndExpireASilenceFromTheConsole() {
    signIn();
    browser().findElement(By.id("nav-silences")).click();
    WebElement form =
        chromium
            .waitUpTo(10)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("silence-form")));
    form.findElement(By.name("matchers"))
        .sendKeys("rule=cis-security-group-change\naccount=112233445566");
    form.findElement(By.name("createdBy")).sendKeys("night-shift");
    form.findElement(By.name("comment")).sendKeys("planned change CHG-7");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    chromium
        .waitUpTo(10)
        .until(d -> d.findElements(By.cssSelector("#silence-table tr.silence-active")).size() == 1);
    assertThat(browser().findElement(By.id("silence-table")).getText())
        .contains("rule=cis-security-group-change, account=112233445566")
        .contains("night-shift");

    browser().findElement(By.cssSelector("#silence-table button.expire")).click();
    chromium
        .waitUpTo(10)
        .until(d -> d.findElements(By.cssSelector("#silence-table tr.silence-active")).isEmpty());
  }

  @Test
  void shouldShowTheErrorsOfTheLoadedRuleFilesInTheRuleView() throws Exception {
    signIn();
    browser().findElement(By.id("nav-rules")).click();
    chromium
        .waitUpTo(10)
        .until(d -> d.findElements(By.cssSelector("#rule-errors tr.rule-error")).size() == 2);

    assertThat(browser().findElement(By.id("rule-errors-status")).getText())
        .isEqualTo("2 rules refused; the rest run.");
    String errors = browser().findElement(By.id("rule-errors")).getText();
    assertThat(errors)
        .contains(SIGMA.resolve("aws_ses_messaging_enabled.yml") + ":16:1")
        .contains("sigma 'Potential AWS Cloud Email Service Abuse'")
        .contains("refused: timeframe without an aggregation")
        .contains("refused: aggregation near");
    assertThat(browser().findElements(By.cssSelector("#rule-table tr.rule"))).hasSize(RULES.size());
    browser().manage().window().setSize(new Dimension(1280, 1200));
    System.out.println(
        "console rules screenshot: " + screenshot("console-rules.png").toAbsolutePath());
    browser().manage().window().setSize(new Dimension(1280, 900));
  }

  private static Path screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path target = SCREENSHOTS.resolve(name);
    Path shot = chromium.driver().getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private static Alert hostileAlert() {
    Alert base =
        ALERTS.stream().filter(a -> a.status() == AlertStatus.FIRING).findFirst().orElseThrow();
    Instant now = Instant.now();
    return new Alert(
        base.schemaVersion(),
        "console-it-live",
        "console-it-live-fingerprint",
        AlertStatus.FIRING,
        base.rule(),
        "Live alert <img src=x onerror=alert(1)>",
        "A title with markup must show as text",
        now,
        now,
        null,
        1,
        null,
        base.resource(),
        List.of("<script>alert(2)</script>"),
        base.links(),
        base.labels(),
        null);
  }
}
