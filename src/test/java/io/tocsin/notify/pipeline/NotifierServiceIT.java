package io.tocsin.notify.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tocsin.model.DeliveryReceipt.Outcome.DELIVERED;
import static io.tocsin.model.DeliveryReceipt.Outcome.FAILED;
import static io.tocsin.model.DeliveryReceipt.Outcome.SILENCED;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.RetrySettings;
import io.tocsin.config.RouteSettings;
import io.tocsin.config.SnsSettings;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Severity;
import io.tocsin.model.Silence;
import io.tocsin.notify.KafkaFixture;
import io.tocsin.store.TopicSilenceStore;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The notifier end to end on a real broker: routes, sinks, silences, receipts, dead letters. */
class NotifierServiceIT {

  static final String KEY = "0123456789abcdef0123456789abcdef";
  private static final String SNS_OK =
      "<PublishResponse><PublishResult><MessageId>m-1</MessageId>"
          + "<SequenceNumber>1</SequenceNumber></PublishResult></PublishResponse>";

  @RegisterExtension
  static WireMockExtension sinks =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @TempDir Path dir;

  /** High severity pages (and continues), everything reaches the team's SNS FIFO topic. */
  private NotifySettings settings() {
    RouteSettings route =
        new RouteSettings(
            List.of(),
            "team",
            false,
            List.of(
                new RouteSettings(List.of("severity=high"), "oncall", true, List.of()),
                new RouteSettings(List.of("severity=~.*"), "team", false, List.of())));
    return new NotifySettings(
        route,
        List.of(
            new ReceiverSettings(
                "oncall",
                new PagerDutySettings("PD_KEY", sinks.baseUrl() + "/v2/enqueue", null),
                null,
                List.of(ReceiverSettings.EACH_ALERT),
                null,
                null),
            new ReceiverSettings(
                "team",
                null,
                new SnsSettings(
                    "arn:aws:sns:eu-west-1:123456789012:alerts.fifo",
                    null,
                    sinks.baseUrl(),
                    true,
                    null),
                List.of(ReceiverSettings.EACH_ALERT),
                null,
                null)),
        new RetrySettings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)));
  }

  @Test
  void shouldDeliverRecordSilenceAndDeadLetterAlertChanges() throws Exception {
    String rejection = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}";
    sinks.stubFor(
        post("/v2/enqueue")
            .willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
    sinks.stubFor(
        post("/v2/enqueue")
            .withRequestBody(matchingJsonPath("$.payload.class", equalTo("rejected-rule")))
            .willReturn(aResponse().withStatus(400).withBody(rejection)));
    sinks.stubFor(post("/").willReturn(aResponse().withBody(SNS_OK)));
    try (KafkaFixture kafka = KafkaFixture.start(dir);
        TopicSilenceStore silences =
            new TopicSilenceStore(kafka.clients("it"), Duration.ofSeconds(10))) {
      silences.start();
      Instant now = Instant.now();
      silences.create(
          new Silence(
              "quiet",
              List.of(LabelMatcher.parse("rule=noisy")),
              now.minusSeconds(60),
              now.plusSeconds(3600),
              "ana",
              "known issue"));
      kafka.produce(
          List.of(
              alert().fingerprint("a").build(),
              alert().fingerprint("a").resolved().build(),
              alert().fingerprint("n").rule("noisy").build(),
              alert().fingerprint("r").rule("rejected-rule").severity(Severity.HIGH).build(),
              alert().fingerprint("m").severity(Severity.MEDIUM).build()));
      kafka.produceRaw("junk", "{not json".getBytes(StandardCharsets.UTF_8));
      kafka.produceRaw(
          "odd",
          ("{\"id\":\"odd-1\",\"fingerprint\":\"odd\",\"status\":\"firing\","
                  + "\"rule\":{\"id\":\"no-severity\"}}")
              .getBytes(StandardCharsets.UTF_8));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();

      long t0 = System.nanoTime();
      try (NotifierService service =
          NotifierService.create(
              settings(),
              kafka.clients("it"),
              silences,
              registry,
              Clock.systemUTC(),
              Map.of("PD_KEY", KEY))) {
        service.start();
        List<ConsumerRecord<String, DeliveryReceipt>> receipts =
            TopicReader.read(
                kafka.bootstrapServers(), Topics.DELIVERIES, 9, Duration.ofSeconds(30));
        System.out.printf("notifier: 9 receipts in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        assertThat(receipts)
            .extracting(ConsumerRecord::value)
            .extracting(
                DeliveryReceipt::alertId, DeliveryReceipt::receiver, DeliveryReceipt::outcome)
            .containsExactlyInAnyOrder(
                tuple("a-firing", "oncall", DELIVERED),
                tuple("a-firing", "team", DELIVERED),
                tuple("a-resolved", "oncall", DELIVERED),
                tuple("a-resolved", "team", DELIVERED),
                tuple("n-firing", "oncall", SILENCED),
                tuple("n-firing", "team", SILENCED),
                tuple("r-firing", "oncall", FAILED),
                tuple("r-firing", "team", DELIVERED),
                tuple("m-firing", "team", DELIVERED));
        assertThat(receipts)
            .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().fingerprint()));
        assertThat(receipts)
            .extracting(ConsumerRecord::value)
            .filteredOn(r -> r.outcome() == SILENCED)
            .allSatisfy(r -> assertThat(r.silenceId()).isEqualTo("quiet"));

        List<ConsumerRecord<String, DeadLetter>> letters =
            TopicReader.read(
                kafka.bootstrapServers(), Topics.DEADLETTER, 3, Duration.ofSeconds(10));
        assertThat(letters)
            .extracting(ConsumerRecord::key)
            .containsExactlyInAnyOrder("bad_alert", "notify_error", "pagerduty_rejected");
        DeadLetter rejected =
            letters.stream()
                .filter(l -> l.key().equals("pagerduty_rejected"))
                .findFirst()
                .get()
                .value();
        assertThat(rejected.detail()).endsWith("HTTP 400: " + rejection).doesNotContain(KEY);
        assertThat(new String(rejected.raw(), StandardCharsets.UTF_8))
            .contains("\"id\":\"r-firing\"");
        assertThat(rejected.source().stream()).isEqualTo("tocsin.alerts.v1");

        assertThat(
                registry
                    .get("tocsin.notifications.failed")
                    .tags("sink", "pagerduty", "reason", "rejected")
                    .counter()
                    .count())
            .isEqualTo(1.0);
        assertThat(registry.get("tocsin.notifications.silenced").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("tocsin.notifications.sent").tag("sink", "sns").counter().count())
            .isEqualTo(4.0);
        assertThat(registry.find("kafka.consumer.fetch.manager.records.consumed.total").meters())
            .as("the notifier's consumer is bound to the registry (lag, fetch rates)")
            .isNotEmpty();
      }
      sinks.verify(3, postRequestedFor(urlEqualTo("/v2/enqueue")));
      sinks.verify(
          postRequestedFor(urlEqualTo("/"))
              .withFormParam("MessageGroupId", equalTo("a"))
              .withFormParam("MessageDeduplicationId", equalTo("a-resolved")));
      assertThat(kafka.committed("tocsin-notify"))
          .as("every record committed")
          .isEqualTo(kafka.alertsEnd());
    }
  }
}
