package io.tocsin.notify.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.RetrySettings;
import io.tocsin.config.RouteSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.KafkaFixture;
import io.tocsin.notify.Notification;
import io.tocsin.notify.Notifier;
import io.tocsin.notify.TestClock;
import io.tocsin.notify.retry.Sleeper;
import io.tocsin.testing.InMemorySilenceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notifier under faults: a crash before commit, a PagerDuty outage, an alert storm. */
class NotifierFaultIT {

  private static final String PATH = "/v2/enqueue";
  private static final String GROUP = "tocsin-notify";

  @RegisterExtension
  static WireMockExtension pd =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @RegisterExtension final KafkaFixture kafka = new KafkaFixture();

  private static void pagerDutyAccepts() {
    pd.stubFor(
        post(PATH).willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
  }

  private NotifySettings settings(List<String> groupBy, int maxPerMinute, RetrySettings retry) {
    return new NotifySettings(
        RouteSettings.to("oncall"),
        List.of(
            new ReceiverSettings(
                "oncall",
                new PagerDutySettings("PD_KEY", pd.baseUrl() + PATH, Duration.ofSeconds(2)),
                null,
                groupBy,
                Duration.ofMinutes(1),
                maxPerMinute)),
        retry);
  }

  private NotifierService service(
      NotifySettings settings,
      Map<String, Notifier> notifiers,
      MeterRegistry registry,
      Clock clock) {
    return new NotifierService(
        settings,
        kafka.clients("it"),
        new InMemorySilenceStore(),
        notifiers,
        registry,
        clock,
        Sleeper.system(),
        new SplittableRandom(11));
  }

  private static Map<String, Notifier> notifiers(NotifySettings settings, Clock clock) {
    return Notifiers.create(settings, Map.of("PD_KEY", NotifierServiceIT.KEY), clock);
  }

  private static JsonNode body(ServeEvent event) {
    try {
      return Json.MAPPER.readTree(event.getRequest().getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double exhausted(SimpleMeterRegistry registry) {
    var counter = registry.find("tocsin.notifications.failed").tag("reason", "exhausted").counter();
    return counter == null ? 0 : counter.count();
  }

  /** Accepted events in the order PagerDuty received them (WireMock lists the newest first). */
  private static List<JsonNode> accepted() {
    List<ServeEvent> events = new ArrayList<>(pd.getAllServeEvents());
    Collections.reverse(events);
    return events.stream()
        .filter(e -> e.getResponse().getStatus() == 202)
        .map(NotifierFaultIT::body)
        .toList();
  }

  /** Thrown by a sink wrapper right after PagerDuty accepted: the process dies before commit. */
  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("simulated crash between sink accept and offset commit");
    }
  }

  @Test
  void shouldRedeliverWithTheSameDedupKeysAfterACrashBeforeCommit() throws Exception {
    pagerDutyAccepts();
    NotifySettings settings =
        settings(List.of(ReceiverSettings.EACH_ALERT), 100, RetrySettings.defaults());
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      alerts.add(alert().fingerprint("fp-" + i).build());
    }
    kafka.produce(alerts);
    Notifier real = notifiers(settings, Clock.systemUTC()).get("oncall");
    AtomicInteger accepted = new AtomicInteger();
    Notifier crashing =
        new Notifier() {
          @Override
          public String sink() {
            return real.sink();
          }

          @Override
          public DeliveryResult send(Notification n) {
            DeliveryResult result = real.send(n);
            if (accepted.incrementAndGet() == 4) {
              throw new SimulatedCrash();
            }
            return result;
          }
        };

    NotifierService first =
        service(settings, Map.of("oncall", crashing), new SimpleMeterRegistry(), Clock.systemUTC());
    first.start();
    await()
        .dontCatchUncaughtExceptions()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !first.running());
    first.close();
    assertThat(first.failure()).containsInstanceOf(SimulatedCrash.class);
    int beforeRestart = pd.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    long committedBeforeRestart = kafka.committed(GROUP);

    long t0 = System.nanoTime();
    try (NotifierService second =
        service(
            settings,
            notifiers(settings, Clock.systemUTC()),
            new SimpleMeterRegistry(),
            Clock.systemUTC())) {
      second.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  accepted().stream().map(e -> e.get("dedup_key").asText()).distinct().count() == 6
                      && kafka.committed(GROUP) == kafka.alertsEnd());
    }
    List<JsonNode> events = accepted();
    Map<String, Long> perKey =
        events.stream()
            .collect(
                Collectors.groupingBy(e -> e.get("dedup_key").asText(), Collectors.counting()));
    System.out.printf(
        "crash IT: %d sent before the crash (%d committed), %d after restart in %d ms, %d distinct"
            + " dedup keys%n",
        beforeRestart,
        committedBeforeRestart,
        events.size() - beforeRestart,
        (System.nanoTime() - t0) / 1_000_000,
        perKey.size());
    assertThat(beforeRestart).isEqualTo(4);
    assertThat(committedBeforeRestart).as("nothing committed past the crash").isLessThan(4);
    assertThat(perKey).as("one incident per alert").hasSize(6);
    assertThat(events.size()).as("the unacknowledged sends were repeated").isGreaterThan(6);
    assertThat(perKey.values()).allMatch(n -> n <= 2);
  }

  @Test
  void shouldDeliverEveryAlertInOrderPerFingerprintAfterAnOutage() throws Exception {
    pd.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withBody("unavailable")));
    NotifySettings settings =
        settings(
            List.of(ReceiverSettings.EACH_ALERT),
            1000,
            new RetrySettings(
                Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(1)));
    List<Alert> alerts = new ArrayList<>();
    for (int f = 0; f < 20; f++) {
      alerts.add(alert().fingerprint("fp-" + f).build());
    }
    for (int f = 0; f < 20; f++) {
      alerts.add(alert().fingerprint("fp-" + f).resolved().build());
    }
    kafka.produce(alerts);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    try (NotifierService service =
        service(settings, notifiers(settings, Clock.systemUTC()), registry, Clock.systemUTC())) {
      service.start();
      long down = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).until(() -> exhausted(registry) >= 3);
      assertThat(kafka.committed(GROUP)).as("nothing committed while PagerDuty is down").isZero();
      long failures = pd.findAll(postRequestedFor(urlEqualTo(PATH))).size();
      long downMillis = (System.nanoTime() - down) / 1_000_000;
      pd.resetAll();
      pagerDutyAccepts();
      long t0 = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> kafka.committed(GROUP) == kafka.alertsEnd());
      System.out.printf(
          "outage IT: PagerDuty down %d ms (%d requests refused, 3 retry budgets spent, nothing"
              + " committed), then %d alert changes delivered in %d ms%n",
          downMillis, failures, alerts.size(), (System.nanoTime() - t0) / 1_000_000);
    }
    Map<String, List<String>> actions = new LinkedHashMap<>();
    for (JsonNode e : accepted()) {
      actions
          .computeIfAbsent(e.get("dedup_key").asText(), k -> new ArrayList<>())
          .add(e.get("event_action").asText());
    }
    assertThat(actions).hasSize(20);
    assertThat(actions.values())
        .allSatisfy(a -> assertThat(a).containsExactly("trigger", "resolve"));
  }

  @Test
  void shouldCapAnAlertStormAndSumUpEachGroupOnce() {
    pagerDutyAccepts();
    int cap = 10;
    NotifySettings settings = settings(List.of("rule", "account"), cap, RetrySettings.defaults());
    List<Alert> storm = new ArrayList<>(10_000);
    for (int i = 0; i < 10_000; i++) {
      storm.add(
          alert()
              .fingerprint("fp-" + i)
              .rule("rule-" + (i % 4))
              .account(String.format("%012d", i % 5))
              .build());
    }
    long p0 = System.nanoTime();
    kafka.produce(storm);
    long produceMillis = (System.nanoTime() - p0) / 1_000_000;
    TestClock clock = TestClock.atNewYear();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    long t0 = System.nanoTime();
    try (NotifierService service = service(settings, notifiers(settings, clock), registry, clock)) {
      service.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> kafka.committed(GROUP) == kafka.alertsEnd());
      long stormMillis = (System.nanoTime() - t0) / 1_000_000;
      int sentDuringStorm = pd.findAll(postRequestedFor(urlEqualTo(PATH))).size();

      clock.advance(Duration.ofMinutes(1));
      await().atMost(Duration.ofSeconds(20)).until(() -> accepted().size() >= sentDuringStorm + 20);

      List<JsonNode> summaries =
          accepted().stream()
              .filter(e -> e.at("/payload/custom_details/group").isObject())
              .toList();
      long folded =
          summaries.stream()
              .mapToLong(e -> e.at("/payload/custom_details/group/changes").asLong())
              .sum();
      double throttled =
          registry
              .get("tocsin.notifications.throttled")
              .tag("receiver", "oncall")
              .counter()
              .count();
      System.out.printf(
          "storm IT: 10000 firing changes produced in %d ms, processed in %d ms: %d notifications,"
              + " %.0f throttled, %d summaries folding %d changes%n",
          produceMillis, stormMillis, sentDuringStorm, throttled, summaries.size(), folded);
      assertThat(sentDuringStorm).isEqualTo(cap);
      assertThat(throttled).isEqualTo(20 - cap);
      assertThat(summaries).hasSize(20);
      assertThat(
              summaries.stream()
                  .map(e -> e.at("/payload/custom_details/group/labels").toString())
                  .distinct())
          .as("one summary per group")
          .hasSize(20);
      assertThat(folded).isEqualTo(storm.size() - cap);
    }
    assertThat(accepted()).as("no summary twice on shutdown").hasSize(cap + 20);
  }
}
