package io.tocsin.notify.pagerduty;

import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.PagerDutySettings;
import io.tocsin.model.Json;
import io.tocsin.model.Severity;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.Notification;
import io.tocsin.notify.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalPagerDutyTest {

  private final TestClock clock = TestClock.atNewYear();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LocalPagerDuty local = LocalPagerDuty.start(lines::add, clock);

  @AfterEach
  void stop() {
    local.close();
  }

  private PagerDutyNotifier notifier(String key) {
    return PagerDutyNotifier.create(
        new PagerDutySettings("PD_KEY", local.eventsUrl().toString(), Duration.ofSeconds(2)),
        Map.of("PD_KEY", key),
        clock);
  }

  private HttpResponse<String> post(String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(local.eventsUrl())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldListenOnLoopbackOnly() {
    URI url = local.eventsUrl();

    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(url.getPath()).isEqualTo("/v2/enqueue");
  }

  @Test
  void shouldOpenOneIncidentPerDedupKeyAndCloseItOnResolve() {
    PagerDutyNotifier pd = notifier(LocalPagerDuty.ROUTING_KEY);

    DeliveryResult first =
        pd.send(Notification.of("oncall", alert().severity(Severity.CRITICAL).build()));
    pd.send(Notification.of("oncall", alert().id("replayed").build()));

    assertThat(first).isEqualTo(DeliveryResult.delivered(202, "fp-orders"));
    assertThat(local.openIncidents()).containsOnlyKeys("fp-orders");
    assertThat(local.openIncidents().get("fp-orders").alerts()).isEqualTo(2);

    pd.send(Notification.of("oncall", alert().resolved().build()));

    assertThat(local.openIncidents()).isEmpty();
    assertThat(local.accepted()).isEqualTo(3);
    assertThat(lines)
        .containsExactly(
            "PAGE opened   [critical] Lambda errors — orders (dedup_key fp-orders)",
            "PAGE updated  [critical] Lambda errors — orders (dedup_key fp-orders)",
            "PAGE resolved [critical] Lambda errors — orders (dedup_key fp-orders)");
  }

  @Test
  void shouldAcceptEveryEventTocsinBuildsWithinTheLimits() {
    PagerDutyNotifier pd = notifier(PagerDutyNotifierTest.KEY);

    DeliveryResult result =
        pd.send(
            Notification.of(
                "oncall",
                alert().title("t".repeat(5000)).samples(List.of("s".repeat(600_000))).build()));

    assertThat(result.delivered()).isTrue();
  }

  @Test
  void shouldAcceptAnAlertWithoutTitleOrUpdateTime() {
    DeliveryResult result =
        notifier(LocalPagerDuty.ROUTING_KEY)
            .send(Notification.of("oncall", alert().title(null).updatedAt(null).build()));

    assertThat(result.delivered()).isTrue();
    assertThat(local.openIncidents().get("fp-orders").summary()).isEqualTo("lambda-errors");
  }

  @Test
  void shouldRejectAWrongRoutingKeyLikePagerDuty() {
    DeliveryResult result = notifier("short").send(Notification.of("oncall", alert().build()));

    assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.error())
        .isEqualTo(
            "HTTP 400: {\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"'routing_key' is missing or not 32 characters\"]}");
    assertThat(local.rejected()).isOne();
  }

  @Test
  void shouldNameEveryMissingFieldOfATrigger() throws Exception {
    HttpResponse<String> response =
        post(
            "{\"routing_key\":\""
                + PagerDutyNotifierTest.KEY
                + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"severity\":\"major\"}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(response.body()).get("errors"))
        .extracting(n -> n.asText())
        .containsExactly(
            "'payload.summary' is missing or longer than 1024 characters",
            "'payload.source' is missing",
            "'payload.severity' must be one of critical, error, warning, info");
  }

  @Test
  void shouldRequireADedupKeyToResolveAndGenerateOneForATriggerWithout() throws Exception {
    String key = PagerDutyNotifierTest.KEY;
    HttpResponse<String> resolve =
        post("{\"routing_key\":\"" + key + "\",\"event_action\":\"resolve\"}");
    HttpResponse<String> trigger =
        post(
            "{\"routing_key\":\""
                + key
                + "\",\"event_action\":\"trigger\",\"payload\":"
                + "{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}");

    assertThat(resolve.statusCode()).isEqualTo(400);
    assertThat(resolve.body()).contains("'dedup_key' is required for resolve");
    assertThat(trigger.statusCode()).isEqualTo(202);
    assertThat(Json.MAPPER.readTree(trigger.body()).get("dedup_key").asText()).hasSize(32);
  }

  @Test
  void shouldAnswer400ToSomethingThatIsNotJson() throws Exception {
    assertThat(post("not json").statusCode()).isEqualTo(400);
  }
}
