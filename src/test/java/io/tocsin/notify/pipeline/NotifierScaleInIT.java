package io.tocsin.notify.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.RetrySettings;
import io.tocsin.config.RouteSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.notify.KafkaFixture;
import io.tocsin.store.TopicSilenceStore;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scaling in: two notifier instances share tocsin.alerts.v1; one stops, and pages for every
 * partition keep flowing without waiting for the group's session timeout (45 s by default).
 */
class NotifierScaleInIT {

  private static final String GROUP = "tocsin-notify";

  @RegisterExtension
  static WireMockExtension pagerDuty =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @TempDir Path dir;

  private static NotifySettings settings() {
    return new NotifySettings(
        new RouteSettings(List.of(), "oncall", false, List.of()),
        List.of(
            new ReceiverSettings(
                "oncall",
                new PagerDutySettings("PD_KEY", pagerDuty.baseUrl() + "/v2/enqueue", null),
                null,
                List.of(ReceiverSettings.EACH_ALERT),
                null,
                1_000)),
        new RetrySettings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)));
  }

  @Test
  void shouldPageWithinASecondWhileAnInstanceStops() throws Exception {
    pagerDuty.stubFor(
        post("/v2/enqueue")
            .willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
    try (KafkaFixture kafka = KafkaFixture.start(dir);
        TopicSilenceStore silences =
            new TopicSilenceStore(kafka.clients("it"), Duration.ofSeconds(10));
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                kafka.clients("it").producer("scale-in"),
                new StringSerializer(),
                new ByteArraySerializer())) {
      silences.start();
      NotifierService staying = notifier(kafka, "a", silences);
      NotifierService leaving = notifier(kafka, "b", silences);
      try (staying) {
        staying.start();
        leaving.start();
        awaitMembersWithPartitions(kafka, 2);
        worstDelay(producer, "warm-up-", () -> {}); // first connections to PagerDuty and Kafka
        long steady = worstDelay(producer, "steady-", () -> {});

        long stopping =
            worstDelay(
                producer,
                "scale-in-",
                () -> {
                  leaving.close();
                  System.out.println("scale-in: one notifier stopped while alerts flow");
                });
        awaitMembers(kafka, 1);

        System.out.printf(
            "scale-in: worst page delay %d ms with two notifiers, %d ms while one stops%n",
            steady, stopping);
        assertThat(stopping - steady)
            .as("delay the stop added to the slowest page (ms): far below the 45 s session timeout")
            .isLessThan(10_000);
      }
    }
  }

  /**
   * Sends 30 alerts 100 ms apart, running {@code meanwhile} after the fifth, and returns the
   * longest time from an alert's acknowledgement to its page.
   */
  private static long worstDelay(
      KafkaProducer<String, byte[]> producer, String prefix, Runnable meanwhile) throws Exception {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Thread side = new Thread(meanwhile, "scale-in-meanwhile");
    for (int i = 0; i < 30; i++) {
      Alert alert = alert().fingerprint(prefix + i).build();
      byte[] value = Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
      producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.fingerprint(), value)).get();
      sentAt.put(alert.fingerprint(), System.currentTimeMillis());
      if (i == 4) {
        side.start();
      }
      Thread.sleep(100);
    }
    side.join();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!pages().keySet().containsAll(sentAt.keySet()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Map<String, Long> pagedAt = pages();
    assertThat(pagedAt)
        .as("every alert paged")
        .containsKeys(sentAt.keySet().toArray(String[]::new));
    return sentAt.entrySet().stream()
        .mapToLong(e -> pagedAt.get(e.getKey()) - e.getValue())
        .max()
        .orElseThrow();
  }

  private static NotifierService notifier(
      KafkaFixture kafka, String instance, TopicSilenceStore silences) {
    return NotifierService.create(
        settings(),
        kafka.clients(instance),
        silences,
        new SimpleMeterRegistry(),
        Clock.systemUTC(),
        Map.of("PD_KEY", NotifierServiceIT.KEY));
  }

  /** The wall-clock time PagerDuty received the first page of each incident (dedup_key). */
  private static Map<String, Long> pages() {
    Map<String, Long> at = new ConcurrentHashMap<>();
    for (ServeEvent e : pagerDuty.getAllServeEvents()) {
      String dedupKey = readBody(e).path("dedup_key").asText();
      at.merge(dedupKey, e.getRequest().getLoggedDate().getTime(), Math::min);
    }
    return at;
  }

  private static JsonNode readBody(ServeEvent e) {
    try {
      return Json.MAPPER.readTree(e.getRequest().getBodyAsString());
    } catch (java.io.IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static void awaitMembersWithPartitions(KafkaFixture kafka, int members) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<MemberDescription> assigned =
          describe(kafka).members().stream()
              .filter(m -> !m.assignment().topicPartitions().isEmpty())
              .toList();
      if (assigned.size() == members) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(members + " notifiers never shared the partitions");
  }

  /** Waits up to 5 s (far below the 45 s session timeout) for the group to have {@code n}. */
  private static void awaitMembers(KafkaFixture kafka, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (describe(kafka).members().size() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the group still has " + describe(kafka).members());
      }
      Thread.sleep(100);
    }
  }

  private static ConsumerGroupDescription describe(KafkaFixture kafka) throws Exception {
    try (Admin admin = Admin.create(kafka.clients("it").admin())) {
      return admin
          .describeConsumerGroups(List.of(GROUP))
          .describedGroups()
          .get(GROUP)
          .get(10, TimeUnit.SECONDS);
    }
  }
}
