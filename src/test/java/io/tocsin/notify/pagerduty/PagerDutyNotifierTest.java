package io.tocsin.notify.pagerduty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.ConfigException;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.config.RetrySettings;
import io.tocsin.model.Json;
import io.tocsin.model.Severity;
import io.tocsin.notify.AlertBuilder;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.Notification;
import io.tocsin.notify.NotifyMetrics;
import io.tocsin.notify.RecordingRecorder;
import io.tocsin.notify.TestClock;
import io.tocsin.notify.retry.RetryingDelivery;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagerDutyNotifierTest {

  static final String KEY = "0123456789abcdef0123456789abcdef";
  private static final String PATH = "/v2/enqueue";
  private static final String ACCEPTED =
      "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"fp-orders\"}";

  @RegisterExtension
  static WireMockExtension pd =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private final TestClock clock = TestClock.atNewYear();

  private PagerDutyNotifier notifier() {
    PagerDutySettings settings =
        new PagerDutySettings("PD_KEY", pd.baseUrl() + PATH, Duration.ofSeconds(2));
    return PagerDutyNotifier.create(settings, Map.of("PD_KEY", KEY), clock);
  }

  private static void reply(int status, String body) {
    pd.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withBody(body)));
  }

  private static JsonNode lastEvent() throws Exception {
    var requests = pd.findAll(postRequestedFor(urlEqualTo(PATH)));
    return Json.MAPPER.readTree(requests.get(requests.size() - 1).getBodyAsString());
  }

  @Test
  void shouldTriggerWithTheFingerprintAsDedupKeyAndTheAlertContext() {
    reply(202, ACCEPTED);

    DeliveryResult result = notifier().send(Notification.of("oncall", alert().build()));

    assertThat(result).isEqualTo(DeliveryResult.delivered(202, "fp-orders"));
    pd.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "routing_key": "0123456789abcdef0123456789abcdef",
                      "dedup_key": "fp-orders",
                      "event_action": "trigger",
                      "client": "tocsin",
                      "payload": {
                        "summary": "Lambda errors — orders",
                        "timestamp": "2025-01-01T00:00:00Z",
                        "source": "123456789012:/aws/lambda/orders",
                        "severity": "error",
                        "component": "/aws/lambda/orders",
                        "group": "123456789012",
                        "class": "lambda-errors",
                        "custom_details": {
                          "status": "firing",
                          "rule": {"id": "lambda-errors", "title": "Lambda errors",
                                   "kind": "match", "severity": "high", "tags": []},
                          "summary": "Matching event in orders at 2025-01-01T00:00:00Z: ERROR boom",
                          "count": 3,
                          "startsAt": "2025-01-01T00:00:00Z",
                          "updatedAt": "2025-01-01T00:00:00Z",
                          "alertId": "fp-orders-firing",
                          "fingerprint": "fp-orders",
                          "resource": {"account": "123456789012", "region": "eu-west-1",
                                       "logGroup": "/aws/lambda/orders"},
                          "samples": ["ERROR boom"],
                          "labels": {"team": "payments"}
                        }
                      },
                      "links": [
                        {"href": "https://runbooks.example.com/lambda", "text": "Runbook"},
                        {"href": "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Forders",
                         "text": "CloudWatch Logs: /aws/lambda/orders"}
                      ]
                    }
                    """)));
  }

  @Test
  void shouldResolveWithTheSameDedupKeyAndNothingElse() {
    reply(202, ACCEPTED);
    PagerDutyNotifier notifier = notifier();

    notifier.send(Notification.of("oncall", alert().build()));
    notifier.send(Notification.of("oncall", alert().resolved().build()));

    pd.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    "{\"routing_key\": \""
                        + KEY
                        + "\", \"dedup_key\": \"fp-orders\","
                        + " \"event_action\": \"resolve\"}")));
    pd.verify(
        2,
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(matchingJsonPath("$.dedup_key", equalTo("fp-orders"))));
  }

  @ParameterizedTest
  @CsvSource({"CRITICAL,critical", "HIGH,error", "MEDIUM,warning", "LOW,info", "INFO,info"})
  void shouldMapSeverities(Severity severity, String expected) throws Exception {
    reply(202, ACCEPTED);

    notifier().send(Notification.of("oncall", alert().severity(severity).build()));

    assertThat(lastEvent().at("/payload/severity").asText()).isEqualTo(expected);
  }

  @Test
  void shouldDescribeACloudTrailAlertByItsEventSource() throws Exception {
    reply(202, ACCEPTED);

    notifier()
        .send(
            Notification.of(
                "sec", alert().logGroup(null).eventSource("iam.amazonaws.com").build()));

    JsonNode payload = lastEvent().get("payload");
    assertThat(payload.get("source").asText()).isEqualTo("123456789012:iam.amazonaws.com");
    assertThat(payload.get("component").asText()).isEqualTo("iam.amazonaws.com");
    assertThat(lastEvent().at("/links/1/href").asText())
        .isEqualTo(
            "https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1"
                + "#/events?EventSource=iam.amazonaws.com");
  }

  @Test
  void shouldKeepTheSummaryWithin1024CharactersAndTheEventUnder512Kb() throws Exception {
    reply(202, ACCEPTED);
    List<String> samples = Collections.nCopies(5, "x".repeat(200_000));
    AlertBuilder big = alert().title("t".repeat(3000)).samples(samples);

    notifier().send(Notification.of("oncall", big.build()));

    var request = pd.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
    assertThat(request.getBody().length).isLessThan(512 * 1024);
    JsonNode event = Json.MAPPER.readTree(request.getBody());
    assertThat(event.at("/payload/summary").asText()).hasSize(1024).endsWith("…");
    JsonNode details = event.at("/payload/custom_details");
    assertThat(details.get("samples")).hasSize(5);
    assertThat(details.get("samples").get(0).asText()).hasSize(1000);
    assertThat(details.get("labels").get("team").asText()).isEqualTo("payments");
  }

  @Test
  void shouldSendAGroupSummaryToTheIncidentTheGroupOpened() throws Exception {
    reply(202, ACCEPTED);
    Notification summary =
        new Notification(
            "oncall",
            Notification.Kind.SUMMARY,
            alert().fingerprint("fp-latest").build(),
            "fp-first",
            "summary-1",
            new Notification.GroupSummary(
                Map.of("rule", "lambda-errors"), 41, 40, clock.instant(), List.of("fp-latest")));

    notifier().send(summary);

    JsonNode event = lastEvent();
    assertThat(event.get("dedup_key").asText()).isEqualTo("fp-first");
    assertThat(event.at("/payload/summary").asText())
        .isEqualTo(
            "41 more firing changes in group {rule=lambda-errors} since 2025-01-01T00:00:00Z;"
                + " latest: Lambda errors — orders");
    assertThat(event.at("/payload/custom_details/group/throttled").asInt()).isEqualTo(40);
  }

  @Test
  void shouldTreat429And5xxAsRetryableWithTheirRetryAfter() {
    PagerDutyNotifier notifier = notifier();
    pd.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
    DeliveryResult throttled = notifier.send(Notification.of("oncall", alert().build()));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
    pd.stubFor(
        post(PATH)
            .willReturn(
                aResponse().withStatus(503).withHeader("Retry-After", date).withBody("down")));
    DeliveryResult unavailable = notifier.send(Notification.of("oncall", alert().build()));

    assertThat(throttled.retryable()).isTrue();
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(unavailable.retryable()).isTrue();
    assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(unavailable.error()).isEqualTo("HTTP 503: down");
  }

  @Test
  void shouldRetry429And500HonouringRetryAfterUntilAccepted() {
    pd.stubFor(
        post(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
            .willSetStateTo("throttled"));
    pd.stubFor(
        post(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs("throttled")
            .willReturn(aResponse().withStatus(500).withBody("oops"))
            .willSetStateTo("recovered"));
    pd.stubFor(
        post(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(202).withBody(ACCEPTED)));
    List<Duration> sleeps = new ArrayList<>();
    RecordingRecorder recorder = new RecordingRecorder();
    RetryingDelivery retry =
        new RetryingDelivery(
            new RetrySettings(
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)),
            clock,
            d -> {
              sleeps.add(d);
              clock.advance(d);
            },
            new SplittableRandom(3),
            recorder,
            new NotifyMetrics(new SimpleMeterRegistry()));

    RetryingDelivery.Attempts a =
        retry.deliver(notifier(), Notification.of("oncall", alert().build()), 0);

    assertThat(a.ending()).isEqualTo(RetryingDelivery.Ending.DELIVERED);
    pd.verify(3, postRequestedFor(urlEqualTo(PATH)));
    assertThat(sleeps.get(0)).as("Retry-After: 2").isEqualTo(Duration.ofSeconds(2));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(recorder.receipts).extracting(r -> r.status()).containsExactly(429, 500, 202);
  }

  @Test
  void shouldNotRetryA400AndKeepPagerDutysErrorBody() {
    String error =
        "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"'payload.summary' is missing\"]}";
    reply(400, error);

    DeliveryResult result = notifier().send(Notification.of("oncall", alert().build()));

    assertThat(result).isEqualTo(DeliveryResult.permanent(400, "HTTP 400: " + error));
  }

  @Test
  void shouldTreatAConnectionFailureAsRetryable() {
    pd.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    DeliveryResult result = notifier().send(Notification.of("oncall", alert().build()));

    assertThat(result.retryable()).isTrue();
    assertThat(result.status()).isNull();
    assertThat(result.error()).startsWith("no response: ");
  }

  @Test
  void shouldRefuseToStartWithoutTheRoutingKeyAndNeverShowIt() {
    PagerDutySettings settings = new PagerDutySettings("PD_KEY", null, null);

    assertThatThrownBy(() -> PagerDutyNotifier.create(settings, Map.of(), clock))
        .isInstanceOf(ConfigException.class)
        .hasMessage("routing_key_env: environment variable PD_KEY is not set or empty");
    assertThat(PagerDutyNotifier.create(settings, Map.of("PD_KEY", KEY), clock).toString())
        .isEqualTo("PagerDutyNotifier[https://events.pagerduty.com/v2/enqueue]")
        .doesNotContain(KEY);
  }

  @Test
  void shouldReadRetryAfterAsDelaySeconds() {
    assertThat(PagerDutyNotifier.retryAfter("120", clock.instant()))
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(PagerDutyNotifier.retryAfter(" 0 ", clock.instant())).isEqualTo(Duration.ZERO);
  }

  @Test
  void shouldReadRetryAfterAsAnHttpDateRelativeToNow() {
    assertThat(PagerDutyNotifier.retryAfter("Wed, 01 Jan 2025 00:01:30 GMT", clock.instant()))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(PagerDutyNotifier.retryAfter("Tue, 31 Dec 2024 23:00:00 GMT", clock.instant()))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void shouldIgnoreARetryAfterItCannotRead() {
    assertThat(PagerDutyNotifier.retryAfter(null, clock.instant())).isNull();
    assertThat(PagerDutyNotifier.retryAfter("soon", clock.instant())).isNull();
    assertThat(PagerDutyNotifier.retryAfter("-5", clock.instant())).isNull();
  }
}
