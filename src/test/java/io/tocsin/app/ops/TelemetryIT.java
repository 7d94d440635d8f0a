package io.tocsin.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.config.ApiSettings;
import io.tocsin.config.HeartbeatSettings;
import io.tocsin.config.KafkaSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.detect.HeartbeatDetector;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.rules.RuleLoader;
import io.tocsin.store.AlertStoreTopology;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three Streams applications' meters, bound the way the pipeline binds them, all export. */
class TelemetryIT {

  private static final List<String> APPS = List.of("store", "detect", "heartbeat");

  @TempDir Path dir;

  @Test
  void shouldExportTheStreamsMetersOfEveryAppWithoutARegistrationFailure() throws Exception {
    List<String> failures = new CopyOnWriteArrayList<>();
    List<StreamsService> services = new ArrayList<>();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        Telemetry telemetry = new Telemetry(Duration.ofSeconds(1))) {
      telemetry
          .registry()
          .config()
          .onMeterRegistrationFailed((id, reason) -> failures.add(id.getName() + ": " + reason));
      KafkaClients clients =
          new KafkaClients(
              KafkaSettings.defaults()
                  .withCluster(broker.bootstrapServers(), dir.resolve("state").toString()));
      new TopicProvisioner(clients).ensure(Topics.ALL);
      try {
        services.add(storeApp(clients));
        services.add(
            new StreamsService(
                "detect",
                DetectionTopology.build(RuleLoader.load(List.of()), telemetry.registry()),
                clients.streams("detect")));
        services.add(heartbeatApp(clients, telemetry));
        for (int i = 0; i < services.size(); i++) {
          telemetry.bind(APPS.get(i), services.get(i));
          services.get(i).start();
        }
        for (StreamsService service : services) {
          assertThat(service.awaitRunning(Duration.ofSeconds(90))).isTrue();
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  String page = telemetry.registry().scrape();
                  for (String app : APPS) {
                    assertThat(page)
                        .as("Streams thread and state-store meters of %s", app)
                        .containsPattern("kafka_stream_thread_\\w+\\{[^}]*app=\"" + app + "\"")
                        .containsPattern("kafka_stream_state_\\w+\\{[^}]*app=\"" + app + "\"");
                  }
                });
        Thread.sleep(3000); // a few more refreshes of the binders, once every store is open
        assertThat(failures).as("meters Prometheus refused to register").isEmpty();
      } finally {
        services.forEach(StreamsService::close);
      }
    }
  }

  private static StreamsService storeApp(KafkaClients clients) {
    StreamsBuilder builder = new StreamsBuilder();
    AlertStoreTopology.build(builder, Duration.ofDays(1));
    return new StreamsService(
        "store", builder.build(), AlertStoreTopology.properties(clients, ApiSettings.defaults()));
  }

  private static StreamsService heartbeatApp(KafkaClients clients, Telemetry telemetry) {
    StreamsBuilder builder = new StreamsBuilder();
    HeartbeatDetector.build(
        builder,
        List.of(
            new HeartbeatSettings(
                "api-logs", "logs", "/aws/apigateway/orders-prod", Duration.ofMinutes(2), "high")),
        telemetry.registry());
    return new StreamsService("heartbeat", builder.build(), clients.streams("heartbeat"));
  }
}
