package io.tocsin.notify.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.RetrySettings;
import io.tocsin.config.RouteSettings;
import io.tocsin.config.SnsSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.notify.KafkaFixture;
import io.tocsin.notify.retry.Sleeper;
import io.tocsin.store.TopicSilenceStore;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state a crash leaves between a publish to a standard SNS topic and the commit of its offset:
 * the receipt says the topic accepted the change, the offset says it is still to do. On restart the
 * change is not published again; a change without a receipt is.
 */
class NotifierReceiptReplayIT {

  private static final String GROUP = "tocsin-notify";
  private static final String SNS_OK =
      "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>";

  @RegisterExtension
  static WireMockExtension sns =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @TempDir Path dir;

  @Test
  void shouldNotPublishAgainAChangeWhoseReceiptSaysTheTopicAcceptedIt() throws Exception {
    sns.stubFor(post("/").willReturn(aResponse().withBody(SNS_OK)));
    try (KafkaFixture kafka = KafkaFixture.start(dir);
        TopicSilenceStore silences =
            new TopicSilenceStore(kafka.clients("it"), Duration.ofSeconds(10))) {
      silences.start();
      Alert accepted = alert().fingerprint("fp-accepted-7f").build();
      Alert owed = alert().fingerprint("fp-owed-3c").build();
      kafka.produce(List.of(accepted, owed));
      long crashedAt = System.currentTimeMillis();
      commitNothingYet(kafka, crashedAt - 5_000);
      writeReceipt(kafka, accepted);

      try (NotifierService service =
          new NotifierService(
              settings(),
              kafka.clients("it"),
              silences,
              Notifiers.create(settings(), Map.of(), Clock.systemUTC()),
              new SimpleMeterRegistry(),
              Clock.systemUTC(),
              Sleeper.system(),
              new SplittableRandom())) {
        service.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> kafka.committed(GROUP) == kafka.alertsEnd());
      }

      sns.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("fp-owed-3c")));
      sns.verify(
          0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("fp-accepted-7f")));
    }
  }

  private static NotifySettings settings() {
    return new NotifySettings(
        new RouteSettings(List.of(), "team", false, List.of()),
        List.of(
            new ReceiverSettings(
                "team",
                null,
                new SnsSettings(
                    "arn:aws:sns:eu-west-1:123456789012:alerts", null, sns.baseUrl(), true, null),
                List.of(ReceiverSettings.EACH_ALERT),
                null,
                null)),
        new RetrySettings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)));
  }

  /** Commits offset 0 of every alerts partition as a commit at {@code millis} would. */
  private static void commitNothingYet(KafkaFixture kafka, long millis) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clients("it").consumer(GROUP, "committer"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      consumer
          .partitionsFor(Topics.ALERTS.name())
          .forEach(
              p ->
                  offsets.put(
                      new TopicPartition(p.topic(), p.partition()),
                      new OffsetAndMetadata(0, ReceiptReplay.metadata(millis))));
      consumer.commitSync(offsets);
    }
  }

  /** The receipt the crashed notifier wrote after the topic accepted {@code alert}. */
  private static void writeReceipt(KafkaFixture kafka, Alert alert) throws Exception {
    DeliveryReceipt receipt =
        new DeliveryReceipt(
            alert.id(),
            alert.fingerprint(),
            "team",
            "sns",
            1,
            DeliveryReceipt.Outcome.DELIVERED,
            200,
            null,
            10,
            Instant.now(),
            "firing",
            null,
            "m-0",
            null);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            kafka.clients("it").producer("crashed-notifier"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.DELIVERIES.name(),
                  alert.fingerprint(),
                  Topics.DELIVERIES
                      .valueSerde()
                      .serializer()
                      .serialize(Topics.DELIVERIES.name(), receipt)))
          .get();
    }
  }
}
