package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.config.ApiSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.query.ApiServer;
import io.tocsin.store.AlertCounts;
import io.tocsin.store.AlertDetail;
import io.tocsin.store.AlertPage;
import io.tocsin.store.AlertQuery;
import io.tocsin.store.AlertStore;
import io.tocsin.store.CountQuery;
import io.tocsin.testing.InMemorySilenceStore;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlertsCommandTest {

  private static RunningApi api;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    api = new RunningApi();
    env = Map.of("TOCSIN_SERVER", api.url(), "TOCSIN_API_TOKEN", RunningApi.TOKEN);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static CliRun alerts(String... args) {
    return CliRun.of(new AlertsCommand(env::get), args);
  }

  private static Alert reopenedRootAlert() {
    return api.alerts().stream()
        .filter(a -> a.rule().id().equals("cis-root-account-usage") && a.count() == 4)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldListMatchingAlertsAsAReadableTableThatFitsEightyColumns() {
    CliRun run = alerts("list", "--status", "firing", "--severity", "critical");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("ID        SEVERITY  STATUS  STARTED  CHANGED  EVENTS  TITLE")
        .endsWith("TITLE");
    assertThat(lines.subList(1, 3))
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "[0-9a-f]{8}  critical  firing  \\d+[smhd] +\\d+[smhd] +\\d+ +Root.*"));
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(lines).contains("2 alerts");
    assertThat(run.out()).contains("Root user activity — arn:…");
  }

  @Test
  void shouldUseTheWholeWidthTheTerminalGives() {
    Map<String, String> wide = new java.util.HashMap<>(env);
    wide.put("COLUMNS", "200");
    CliRun run =
        CliRun.of(
            new AlertsCommand(wide::get), "list", "--status", "firing", "--severity", "critical");

    assertThat(run.out()).contains("Root user activity — arn:aws:iam::123456789012:root");
  }

  @Test
  void shouldSayHowLongAgoInItsLargestWholeUnit() {
    Instant now = Instant.parse("2026-12-06T12:00:00Z");
    assertThat(AlertText.ago("2026-12-06T11:59:15Z", now)).isEqualTo("45s");
    assertThat(AlertText.ago("2026-12-06T11:48:00Z", now)).isEqualTo("12m");
    assertThat(AlertText.ago("2026-12-05T07:00:00Z", now)).isEqualTo("29h");
    assertThat(AlertText.ago("2026-11-25T00:00:00Z", now)).isEqualTo("11d");
    assertThat(AlertText.ago(null, now)).isNull();
  }

  @Test
  void shouldShowAnAlertByTheStartOfItsFingerprint() {
    String fingerprint = reopenedRootAlert().fingerprint();
    CliRun run = alerts("show", AlertText.abbreviate(fingerprint));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("  fingerprint  " + fingerprint);
  }

  @Test
  void shouldRefuseAStartThatNoFingerprintOrSeveralHave() {
    CliRun none = alerts("show", "ffffffffffff");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err())
        .contains("no current alert has a fingerprint starting with ffffffffffff");

    Map<String, Long> byFirstCharacter =
        api.alerts().stream()
            .map(Alert::fingerprint)
            .distinct()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    f -> f.substring(0, 1), java.util.stream.Collectors.counting()));
    Map.Entry<String, Long> shared =
        byFirstCharacter.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .findFirst()
            .orElseThrow();
    CliRun ambiguous = alerts("show", shared.getKey());
    assertThat(ambiguous.code()).isEqualTo(2);
    assertThat(ambiguous.err())
        .contains(shared.getKey() + " is the start of " + shared.getValue() + " fingerprints");
  }

  @Test
  void shouldFollowEveryCursorWithAllAndPrintJsonForScripts() throws Exception {
    CliRun run = alerts("list", "--limit", "7", "--all", "--sort", "severity", "--json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode body = RunningApi.parse(run.out());
    assertThat(body.path("alerts")).hasSize(40);
    assertThat(body.path("next").isNull()).isTrue();
    assertThat(body.path("alerts").get(0).path("rule").path("severity").asText())
        .isEqualTo("critical");
  }

  @Test
  void shouldSayHowToGetTheNextPage() {
    CliRun run = alerts("list", "--limit", "5", "--since", "3650d");
    assertThat(run.out()).containsPattern("5 alerts shown; more with --all or --cursor \\S+");
  }

  @Test
  void shouldShowOneAlertWithItsHistoryAndDeliveries() {
    CliRun run = alerts("show", reopenedRootAlert().fingerprint());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Root user activity — arn:aws:iam::123456789012:root 123456789012\n")
        .contains("  status       firing (critical)")
        .contains("  principal    arn:aws:iam::123456789012:root")
        .contains("  runbook      https://docs.aws.amazon.com/securityhub/")
        .contains("History:")
        .contains("Deliveries:")
        .contains("security-pager")
        .contains("DELIVERED");
    assertThat(run.out().lines().filter(l -> l.startsWith("firing  ") || l.startsWith("resolved")))
        .hasSize(3);
  }

  @Test
  void shouldShowWhatHappenedInWordsAndWhatToDo() {
    Alert admin = RealAlerts.lastAttaching(api.alerts(), "AdministratorAccess");
    CliRun run = alerts("show", admin.fingerprint());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\ntester attached AdministratorAccess to role new-role\n")
        .contains(
            "What to do:\n"
                + "  An IAM policy was created, deleted, versioned, attached or detached."
                + " (SH-CloudWatch.4)\n"
                + "  runbook: https://docs.aws.amazon.com/securityhub/latest/userguide/"
                + "cloudwatch-controls.html\n");
  }

  @Test
  void shouldShowTerminalControlsFromEventDataAsEscapes() {
    String hostile = "user\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202eevil\r\n\tnext";

    assertThat(TerminalText.safeLines(hostile))
        .isEqualTo("user\\e[2J\\e]0;pwned\\x07\\x9b31m\\u202eevil\\r\n\\tnext");
  }

  @Test
  void shouldCountIncidentsWithBars() {
    CliRun run =
        alerts(
            "counts",
            "--by",
            "rule",
            "--from",
            "2026-11-25T00:00:00Z",
            "--to",
            "2026-11-26T00:00:00Z");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("RULE");
    assertThat(lines.get(1))
        .startsWith("cis-s3-bucket-policy-change")
        .contains("  6  ")
        .endsWith("#".repeat(40));
    assertThat(run.out())
        .contains("42 incidents opened from 2026-11-25 00:00:00Z to 2026-11-26 00:00:00Z (UTC)");
  }

  @Test
  void shouldTailRecentChangesOldestFirstThenStop() {
    CliRun run = alerts("tail", "--since", "3650d", "--max", "3", "--interval", "100ms");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .as("the oldest current state: each alert shows as its latest state")
        .startsWith("2026-11-25 00:12:30Z  RESOLVED  high      Lambda function ran out of memory");
    assertThat(lines).isSortedAccordingTo(String::compareTo);
  }

  @Test
  void shouldTailAStateChangeThatArrivesLater() throws Exception {
    GrowingStore store = new GrowingStore(api.alerts());
    try (ApiServer server =
        new ApiServer(
                ApiSettings.defaults().withAddress("127.0.0.1", 0),
                RunningApi.TOKEN,
                store,
                store,
                new InMemorySilenceStore(),
                RealAlerts.rules())
            .start()) {
      Map<String, String> local =
          Map.of(
              "TOCSIN_SERVER",
              "http://127.0.0.1:" + server.port(),
              "TOCSIN_API_TOKEN",
              RunningApi.TOKEN);
      CompletableFuture<CliRun> tail =
          CompletableFuture.supplyAsync(
              () ->
                  CliRun.of(
                      new AlertsCommand(local::get),
                      "tail",
                      "--max",
                      "1",
                      "--interval",
                      "100ms",
                      "--json"));
      await().atMost(Duration.ofSeconds(10)).until(() -> store.polls.get() >= 2);
      Alert last = api.alerts().get(api.alerts().size() - 1);
      store.add(reopen(last, Instant.parse("2026-11-25T01:00:00Z")));

      CliRun run = tail.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(run.code()).as(run.err()).isZero();
      JsonNode printed = RunningApi.parse(run.out());
      assertThat(printed.path("id").asText()).isEqualTo(last.id() + "-again");
      assertThat(printed.path("status").asText()).isEqualTo("firing");
    }
  }

  @Test
  void shouldExplainAMissingTokenARefusedTokenAndAnUnreachableServer() {
    CliRun missing = CliRun.of(new AlertsCommand(Map.of("TOCSIN_SERVER", api.url())::get), "list");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo(
            "tocsin: set TOCSIN_API_TOKEN to the API token (or name another variable with"
                + " --token-env)\n");

    Map<String, String> wrong =
        Map.of("TOCSIN_SERVER", api.url(), "SOC_TOKEN", "wrong-token-0123456789");
    CliRun refused = CliRun.of(new AlertsCommand(wrong::get), "list", "--token-env", "SOC_TOKEN");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .startsWith(
            "tocsin: the server refused the token in $SOC_TOKEN: the API token is not valid")
        .doesNotContain("wrong-token");

    CliRun unreachable = alerts("list", "--server", "http://127.0.0.1:1");
    assertThat(unreachable.code()).isEqualTo(2);
    assertThat(unreachable.err()).startsWith("tocsin: cannot reach http://127.0.0.1:1");
  }

  @Test
  void shouldPassOnTheServersExplanationOfABadQuery() {
    CliRun run = alerts("list", "--severity", "urgent");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "tocsin: server answered 400: severity: expected one of critical, high, medium, low,"
                + " info, got 'urgent'\n");
  }

  @Test
  void shouldShowExamplesInEveryHelp() {
    for (String sub : List.of("list", "show", "tail", "counts")) {
      CliRun run = alerts(sub, "--help");
      assertThat(run.code()).isZero();
      assertThat(run.out()).as(sub).contains("Examples:").contains("tocsin alerts " + sub);
    }
    assertThat(alerts("--help").out()).contains("list").contains("tail").contains("Examples:");
  }

  private static Alert reopen(Alert a, Instant at) {
    return new Alert(
        a.schemaVersion(),
        a.id() + "-again",
        a.fingerprint(),
        AlertStatus.FIRING,
        a.rule(),
        a.title(),
        a.summary(),
        at,
        at,
        null,
        1,
        a.evaluation(),
        a.resource(),
        a.samples(),
        a.links(),
        a.labels(),
        a.context());
  }

  /** An alert store over a list the test adds to while the CLI polls it. */
  private static final class GrowingStore implements AlertStore {
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();

    GrowingStore(List<Alert> initial) {
      initial.forEach(this::add);
    }

    void add(Alert alert) {
      alerts.removeIf(a -> a.fingerprint().equals(alert.fingerprint()));
      alerts.add(alert);
    }

    @Override
    public AlertPage list(AlertQuery query) {
      polls.incrementAndGet();
      return AlertPage.of(query, alerts.stream().filter(query::selects).toList());
    }

    @Override
    public Optional<AlertDetail> get(String fingerprint) {
      return Optional.empty();
    }

    @Override
    public AlertCounts counts(CountQuery query) {
      return AlertCounts.of(query, Map.of());
    }
  }
}
