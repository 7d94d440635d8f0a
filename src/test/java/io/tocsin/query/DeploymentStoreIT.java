package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.model.Alert;
import io.tocsin.model.Deployment;
import io.tocsin.testing.DeployedRateAlerts;
import io.tocsin.testing.InMemorySilenceStore;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import io.tocsin.testing.StoreInstance;
import io.tocsin.topics.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two analyst instances on a real broker (four partitions): each lists every deployment from its
 * own copy of the global table, and links a deployment to its alerts wherever they are held.
 */
class DeploymentStoreIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<Alert> ALERTS = DeployedRateAlerts.alerts();
  private static final Set<String> LINKED =
      ALERTS.stream()
          .filter(a -> a.context() != null && a.context().has("deploy"))
          .map(Alert::fingerprint)
          .collect(Collectors.toSet());

  @TempDir static Path dir;

  private static EmbeddedKafkaBroker broker;
  private static StoreInstance a;
  private static StoreInstance b;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start(dir.resolve("broker"));
    KafkaSettings kafka =
        StoreInstance.seed(
            broker,
            4,
            "tocsin-deploy-it",
            dir.resolve("state"),
            ALERTS,
            RealAlerts.receipts(ALERTS));
    StoreInstance.produce(kafka, Topics.DEPLOYMENTS, DeployedRateAlerts.changes(), Deployment::id);
    InMemorySilenceStore silences = new InMemorySilenceStore();
    a = new StoreInstance(kafka, "a", dir.resolve("a"), silences);
    b = new StoreInstance(kafka, "b", dir.resolve("b"), silences);
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

  private static HttpResponse<String> get(StoreInstance instance, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(instance.url() + path))
            .header("Authorization", "Bearer " + RunningApi.TOKEN)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.path(field).asText()));
    return values;
  }

  @Test
  void shouldListEveryDeploymentsLatestStateOnEachInstance() {
    for (StoreInstance instance : List.of(a, b)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                HttpResponse<String> response = get(instance, "/api/deployments");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode deployments = RunningApi.parse(response.body()).path("deployments");
                assertThat(texts(deployments, "id"))
                    .containsExactly(
                        DeployedRateAlerts.CLEAN_ID,
                        DeployedRateAlerts.STACK_ID,
                        DeployedRateAlerts.BAD_ID);
                assertThat(deployments.get(2).at("/verdict/status").asText())
                    .isEqualTo("regression");
              });
    }
  }

  @Test
  void shouldLinkADeploymentToItsAlertsHeldAcrossTheInstances() {
    String path =
        "/api/deployments/" + URLEncoder.encode(DeployedRateAlerts.BAD_ID, StandardCharsets.UTF_8);
    for (StoreInstance instance : List.of(a, b)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                HttpResponse<String> response = get(instance, path);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode alerts = RunningApi.parse(response.body()).path("alerts");
                assertThat(texts(alerts, "fingerprint"))
                    .containsExactlyInAnyOrderElementsOf(LINKED);
              });
    }
  }
}
