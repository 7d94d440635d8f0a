package io.tocsin.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.tocsin.app.bench.TocsinProcess;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.TocsinConfig;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.notify.KafkaFixture;
import io.tocsin.notify.pagerduty.LocalPagerDuty;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tocsin run} (the shaded jar in a child JVM) is killed with SIGKILL while its notifier has
 * pages in flight to a slow PagerDuty stand-in, then started again on the same state: every
 * incident is opened and resolved, and none is opened twice, although the restarted notifier sends
 * again what it had not committed. The alert changes are put on {@code tocsin.alerts.v1} before the
 * start, as detection commits them, so that one poll holds each incident's trigger and its resolve.
 */
class FaultKillDuringDeliveryIT {

  private static final Path JAR = Path.of("target", "tocsin.jar");
  private static final String PATH = LocalPagerDuty.PATH;
  private static final String APPLICATION = "fault-deliver";
  private static final String GROUP = APPLICATION + "-notify";
  private static final String KEY_ENV = "TOCSIN_FAULT_PAGERDUTY_KEY";
  private static final int INCIDENTS = 40;
  private static final int PAGE_MILLIS = 250;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @RegisterExtension
  static WireMockExtension pd =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @TempDir static Path dir;

  @Test
  void shouldOpenAndResolveEachIncidentOnceWhenKilledAndRestartedDuringDelivery() throws Exception {
    assertThat(JAR).as("failsafe runs after package, which builds the jar").exists();
    pd.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withFixedDelay(PAGE_MILLIS)
                    .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
    try (KafkaFixture kafka = KafkaFixture.start(dir)) {
      List<Alert> changes = new ArrayList<>();
      IntStream.range(0, INCIDENTS).forEach(i -> changes.add(alert().fingerprint(key(i)).build()));
      IntStream.range(0, INCIDENTS)
          .forEach(i -> changes.add(alert().fingerprint(key(i)).resolved().build()));
      kafka.produce(changes);
      TocsinConfig config = config(kafka.bootstrapServers());

      TocsinProcess first = start(config, "first");
      try {
        await()
            .atMost(WAIT)
            .until(
                () -> received().stream().filter(e -> e.action().equals("resolve")).count() >= 5);
      } finally {
        first.kill();
      }
      int sentBeforeKill = received().size();
      long committedAtKill = kafka.committed(GROUP);
      try (TocsinProcess second = start(config, "second")) {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    kafka.committed(GROUP) == kafka.alertsEnd()
                        && PagedIncidents.of(received()).resolved().size() == INCIDENTS);
        List<PagedIncidents.Event> events = received();
        PagedIncidents incidents = PagedIncidents.of(events);
        long deadLetters =
            TopicReader.readToEnd(kafka.bootstrapServers(), Topics.DEADLETTER, WAIT).stream()
                .filter(r -> r.value().source().stream().equals(Topics.ALERTS.name()))
                .count();
        System.out.printf(
            "FAULT tocsin run killed (SIGKILL) during delivery after %d pages (%d of %d alert"
                + " changes committed), and restarted: alert changes in %d (%d triggers, %d"
                + " resolves); incidents expected %d, opened %d, opened twice %d, resolved %d,"
                + " left open %d; pages sent %d, dedup_key repeats: %d triggers, %d resolves;"
                + " dead letters %d%n",
            sentBeforeKill,
            committedAtKill,
            changes.size(),
            changes.size(),
            INCIDENTS,
            INCIDENTS,
            INCIDENTS,
            incidents.opened().size(),
            incidents.openedTwice().size(),
            incidents.resolved().size(),
            incidents.open().size(),
            events.size(),
            incidents.triggerRepeats(),
            incidents.resolveRepeats(),
            deadLetters);

        assertThat(sentBeforeKill)
            .as("killed in the middle of delivery")
            .isLessThan(changes.size());
        Set<String> expected =
            IntStream.range(0, INCIDENTS)
                .mapToObj(FaultKillDuringDeliveryIT::key)
                .collect(Collectors.toSet());
        assertThat(incidents.opened().keySet()).as("every incident paged").isEqualTo(expected);
        assertThat(incidents.openedTwice()).as("no incident opened a second time").isEmpty();
        assertThat(incidents.resolved()).as("every resolve delivered").isEqualTo(expected);
        assertThat(incidents.open()).as("no incident left open").isEmpty();
        assertThat(deadLetters).isZero();
        assertThat(second.alive()).isTrue();
      }
    }
  }

  private static String key(int i) {
    return "fault-deliver-" + i;
  }

  /** Every alert change paged at the stand-in, with no grouping or cap holding one back. */
  private static TocsinConfig config(String bootstrapServers) {
    ReceiverSettings oncall =
        new ReceiverSettings(
            "oncall",
            new PagerDutySettings(KEY_ENV, pd.baseUrl() + PATH, null),
            null,
            List.of(ReceiverSettings.EACH_ALERT),
            null,
            10_000);
    return NotifierOnlyConfig.of(bootstrapServers, APPLICATION, dir, oncall);
  }

  private static TocsinProcess start(TocsinConfig config, String name) {
    return TocsinProcess.start(
        JAR.toString(),
        List.of("-Xmx512m"),
        config,
        Map.of(KEY_ENV, LocalPagerDuty.ROUTING_KEY),
        dir.resolve(name));
  }

  /** The events the stand-in received, oldest first (WireMock lists the newest first). */
  private static List<PagedIncidents.Event> received() {
    List<ServeEvent> served = new ArrayList<>(pd.getAllServeEvents());
    Collections.reverse(served);
    return served.stream().map(FaultKillDuringDeliveryIT::event).toList();
  }

  private static PagedIncidents.Event event(ServeEvent served) {
    try {
      JsonNode body = Json.MAPPER.readTree(served.getRequest().getBody());
      return new PagedIncidents.Event(
          body.path("event_action").asText(), body.path("dedup_key").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
