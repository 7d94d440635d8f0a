package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.store.AlertQuery;
import io.tocsin.store.AlertStoreTopology;
import io.tocsin.testing.InMemorySilenceStore;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import io.tocsin.testing.StoreInstance;
import io.tocsin.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.awaitility.core.EvaluatedCondition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two analyst instances of one store application on a real broker, in one JVM: each answers for the
 * whole data set, routing key lookups to the holder and fanning lists and counts out.
 */
class AlertStoreClusterIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<Alert> ALERTS = RealAlerts.from(RealAlerts.T0);
  private static final List<DeliveryReceipt> RECEIPTS = RealAlerts.receipts(ALERTS);

  @TempDir static Path dir;

  private static EmbeddedKafkaBroker broker;
  private static KafkaSettings kafka;
  private static StoreInstance a;
  private static StoreInstance b;
  private static volatile String lastLook = "no query yet";

  @BeforeAll
  static void start() throws Exception {
    long t0 = System.nanoTime();
    broker = EmbeddedKafkaBroker.start(dir.resolve("broker"));
    kafka = StoreInstance.seed(broker, 4, "tocsin-it", dir.resolve("state"), ALERTS, RECEIPTS);
    long produced = System.nanoTime();

    InMemorySilenceStore silences = new InMemorySilenceStore();
    a = new StoreInstance(kafka, "a", dir.resolve("a"), silences);
    b = new StoreInstance(kafka, "b", dir.resolve("b"), silences);
    // Two rebalances (a alone, then a and b) on a loaded 2-core machine: seconds, rarely a minute.
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(50))
        .alias("both instances running with partitions and all alerts loaded")
        .conditionEvaluationListener(AlertStoreClusterIT::reportSlowStart)
        .until(() -> bothHoldPartitions() && fullyLoaded());
    System.out.printf(
        "cluster IT: broker + topics + %d alerts produced in %d ms; two instances serving all"
            + " alerts %d ms later%n",
        ALERTS.size(), (produced - t0) / 1_000_000, (System.nanoTime() - produced) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * Every 10 s of waiting, prints what the instances are doing, so a slow start explains itself.
   */
  private static void reportSlowStart(EvaluatedCondition<Boolean> condition) {
    long waited = condition.getElapsedTimeInMS();
    if (!condition.isSatisfied() && waited / 10_000 != (waited - 50) / 10_000) {
      System.out.printf(
          "cluster IT: still starting after %d s: a %s, b %s, store partitions %s; %s%n",
          waited / 1000,
          a.service().streams().state(),
          b.service().streams().state(),
          holders(),
          lastLook);
    }
  }

  private static String holders() {
    try {
      return a
          .service()
          .streams()
          .streamsMetadataForStore(AlertStoreTopology.CURRENT_STORE)
          .stream()
          .map(m -> m.hostInfo().port() + "=" + m.topicPartitions())
          .toList()
          .toString();
    } catch (RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static boolean bothHoldPartitions() {
    KafkaStreams streams = a.service().streams();
    if (streams.state() != KafkaStreams.State.RUNNING
        || b.service().streams().state() != KafkaStreams.State.RUNNING) {
      return false;
    }
    return streams.streamsMetadataForStore(AlertStoreTopology.CURRENT_STORE).stream()
            .filter(m -> !m.topicPartitions().isEmpty())
            .count()
        == 2;
  }

  private static boolean fullyLoaded() {
    try {
      int listed = a.alerts().list(AlertQuery.all(500)).alerts().size();
      long counted =
          b.alerts()
              .counts(
                  new io.tocsin.store.CountQuery(
                      io.tocsin.store.CountQuery.By.RULE,
                      RealAlerts.T0,
                      RealAlerts.T0.plusSeconds(3600)))
              .total();
      lastLook = "a lists " + listed + " of 40 alerts, b counts " + counted + " of 42 changes";
      return listed == 40 && counted == 42;
    } catch (RuntimeException e) {
      lastLook = "a query failed: " + e;
      return false;
    }
  }

  private static JsonNode get(StoreInstance instance, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(instance.url() + path))
                .header("Authorization", "Bearer " + RunningApi.TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return RunningApi.parse(response.body());
  }

  private static List<String> fingerprints(JsonNode page) {
    return StreamSupport.stream(page.path("alerts").spliterator(), false)
        .map(n -> n.path("fingerprint").asText())
        .toList();
  }

  @Test
  void shouldSplitTheAlertsBetweenTheInstancesButAnswerForAllOnEach() throws Exception {
    int onA = a.alerts().local().list(AlertQuery.all(500)).alerts().size();
    int onB = b.alerts().local().list(AlertQuery.all(500)).alerts().size();
    System.out.printf("cluster IT: %d alerts held by a, %d by b%n", onA, onB);
    assertThat(onA).isPositive();
    assertThat(onB).isPositive();
    assertThat(onA + onB).isEqualTo(40);

    List<String> viaA = fingerprints(get(a, "/api/alerts?limit=500"));
    List<String> viaB = fingerprints(get(b, "/api/alerts?limit=500"));
    assertThat(viaA).hasSize(40).doesNotHaveDuplicates().isEqualTo(viaB);
  }

  @Test
  void shouldRouteAKeyLookupToTheInstanceThatHoldsIt() throws Exception {
    for (StoreInstance asked : List.of(a, b)) {
      StoreInstance other = asked == a ? b : a;
      Alert held = heldBy(other.hostInfo());
      JsonNode detail = get(asked, "/api/alerts/" + held.fingerprint());
      assertThat(detail.path("alert").path("fingerprint").asText()).isEqualTo(held.fingerprint());
      long changes =
          ALERTS.stream().filter(x -> x.fingerprint().equals(held.fingerprint())).count();
      assertThat(detail.path("history")).hasSize((int) changes);
      assertThat(detail.path("receipts")).isNotEmpty();
    }
  }

  @Test
  void shouldMergeCursorPagesAndCountsAcrossInstances() throws Exception {
    List<String> walked = new ArrayList<>();
    String path = "/api/alerts?sort=count&limit=6";
    while (path != null) {
      JsonNode page = get(a, path);
      walked.addAll(fingerprints(page));
      path =
          page.path("next").isNull()
              ? null
              : "/api/alerts?sort=count&limit=6&cursor=" + page.path("next").asText();
    }
    assertThat(walked).isEqualTo(fingerprints(get(b, "/api/alerts?sort=count&limit=500")));

    JsonNode counts =
        get(b, "/api/counts?by=severity&from=2026-11-25T00:00:00Z&to=2026-11-25T01:00:00Z");
    assertThat(counts.path("total").asLong()).isEqualTo(42);
  }

  @Test
  void shouldServeANewStateChangeFromBothInstancesWithinASecond() throws Exception {
    Alert last = ALERTS.get(ALERTS.size() - 1);
    Alert reopened =
        new Alert(
            last.schemaVersion(),
            last.id() + "-it",
            last.fingerprint(),
            io.tocsin.model.AlertStatus.FIRING,
            last.rule(),
            last.title(),
            last.summary(),
            RealAlerts.T0.plusSeconds(3000),
            RealAlerts.T0.plusSeconds(3000),
            null,
            1,
            null,
            last.resource(),
            last.samples(),
            last.links(),
            last.labels(),
            last.context());
    long t0 = System.nanoTime();
    StoreInstance.produce(kafka, Topics.ALERTS, List.of(reopened), Alert::fingerprint);
    for (StoreInstance instance : List.of(a, b)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  get(instance, "/api/alerts?sort=newest&limit=1")
                      .path("alerts")
                      .get(0)
                      .path("id")
                      .asText(),
              id -> id.equals(reopened.id()));
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("cluster IT: new state change visible on both instances in %d ms%n", millis);
    assertThat(millis).isLessThan(5_000);
    assertThat(
            Instant.parse(
                get(a, "/api/alerts?sort=newest&limit=1")
                    .path("alerts")
                    .get(0)
                    .path("updatedAt")
                    .asText()))
        .isEqualTo(reopened.updatedAt());
  }

  private static Alert heldBy(HostInfo host) {
    KafkaStreams streams = a.service().streams();
    return ALERTS.stream()
        .filter(
            x ->
                streams
                    .queryMetadataForKey(
                        AlertStoreTopology.CURRENT_STORE,
                        x.fingerprint(),
                        Serdes.String().serializer())
                    .activeHost()
                    .equals(host))
        .filter(x -> x.status() == io.tocsin.model.AlertStatus.FIRING)
        .findFirst()
        .orElseThrow();
  }
}
