package io.tocsin.detect.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeployContext;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.VerdictStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.testing.AlertContract;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy watch on the real in-process broker: a bad deploy raises exactly one deploy-regression
 * alert with the deploy and its figures, a clean one is verified without an alert, and a stack
 * rollback raises deploy-failed with the failed resource and its reason.
 */
class DeployWatchIT {

  @TempDir static Path dir;

  @Test
  void shouldJudgeBadCleanAndRolledBackDeploysOnTheBroker() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      KafkaClients clients =
          new KafkaClients(
              KafkaSettings.defaults()
                  .withCluster(broker.bootstrapServers(), dir.resolve("state").toString()));
      new TopicProvisioner(clients).ensure(Topics.ALL);
      DeploymentSettings d = DeploymentSettings.defaults();
      DeploymentSettings settings =
          new DeploymentSettings(
              true,
              d.lookBack(),
              Duration.ofMinutes(1),
              Duration.ofMinutes(5),
              d.alpha(),
              d.minRatio(),
              d.minIncrease(),
              d.minInvocations(),
              "",
              Map.of(),
              d.releaseSpan());
      StreamsBuilder builder = new StreamsBuilder();
      DeployWatch.build(builder, settings, null);
      Instant t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
      Instant deployAt = t0.plus(Duration.ofMinutes(5)).plusSeconds(3);
      try (StreamsService watch =
          new StreamsService(
              DeployWatch.NAME, builder.build(), clients.streams(DeployWatch.NAME))) {
        watch.start();
        assertThat(watch.awaitRunning(Duration.ofSeconds(60))).isTrue();
        LambdaTraffic orders = new LambdaTraffic("orders-api", 3);
        LambdaTraffic billing = new LambdaTraffic("billing-worker", 5);
        try (KafkaProducer<String, LogEvent> logs =
                new KafkaProducer<>(
                    clients.producer("it-logs"),
                    Topics.LOGS.keySerde().serializer(),
                    Topics.LOGS.valueSerde().serializer());
            KafkaProducer<String, CloudTrailEvent> trail =
                new KafkaProducer<>(
                    clients.producer("it-trail"),
                    Topics.CLOUDTRAIL.keySerde().serializer(),
                    Topics.CLOUDTRAIL.valueSerde().serializer())) {
          for (Instant s = t0; s.isBefore(t0.plus(Duration.ofMinutes(8))); s = s.plusSeconds(1)) {
            if (s.equals(deployAt.minusSeconds(3))) {
              send(trail, DeployFixtures.trail("publishVersion", deployAt, "ev-bad"));
              send(
                  trail,
                  DeployFixtures.publishVersion("billing-worker", "43", deployAt, "ev-clean"));
              send(trail, stack("s1", deployAt, null, "UPDATE_IN_PROGRESS", null));
              send(
                  trail,
                  stack(
                      "s2",
                      deployAt.plusSeconds(20),
                      "OrdersFunction",
                      "UPDATE_FAILED",
                      "Resource handler returned message: \"Unzipped size must be smaller\""));
              send(
                  trail,
                  stack("s3", deployAt.plusSeconds(60), null, "UPDATE_ROLLBACK_COMPLETE", null));
            }
            boolean after = !s.isBefore(deployAt);
            for (LogEvent e : orders.second(s, 20, after ? 0.10 : 0.01)) {
              logs.send(
                  new ProducerRecord<>(Topics.LOGS.name(), null, e.timestamp(), e.logGroup(), e));
            }
            for (LogEvent e : billing.second(s, 20, 0.01)) {
              logs.send(
                  new ProducerRecord<>(Topics.LOGS.name(), null, e.timestamp(), e.logGroup(), e));
            }
          }
          logs.flush();
        }
        String bootstrap = broker.bootstrapServers();
        assertThat(TopicReader.read(bootstrap, Topics.ALERTS, 2, Duration.ofSeconds(90)))
            .as("both alerts raised")
            .hasSize(2);
        // The watch judges on stream time: once the verdicts are final, every alert of those
        // judgments is committed, so reading the topic to its end shows any alert raised twice.
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  Map<String, Deployment> latest = latestDeployments(bootstrap);
                  assertThat(verdict(latest, "lambda:123456789012:eu-west-1:orders-api:42"))
                      .isEqualTo(VerdictStatus.REGRESSION);
                  assertThat(verdict(latest, "lambda:123456789012:eu-west-1:billing-worker:43"))
                      .isEqualTo(VerdictStatus.VERIFIED);
                  assertThat(latest.values())
                      .extracting(Deployment::kind)
                      .contains(Deployment.Kind.CLOUDFORMATION);
                });
        List<ConsumerRecord<String, Alert>> alerts =
            TopicReader.readToEnd(bootstrap, Topics.ALERTS, Duration.ofSeconds(30));
        assertThat(alerts)
            .extracting(r -> r.value().rule().id())
            .containsExactlyInAnyOrder("deploy-regression", "deploy-failed");
        Alert regression =
            alerts.stream()
                .map(ConsumerRecord::value)
                .filter(a -> a.rule().id().equals("deploy-regression"))
                .findFirst()
                .orElseThrow();
        assertThat(DeployContext.in(regression.context()).resource()).isEqualTo("orders-api");
        assertThat(regression.summary()).contains("Before (").contains("after (");
        Alert failed =
            alerts.stream()
                .map(ConsumerRecord::value)
                .filter(a -> a.rule().id().equals("deploy-failed"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.summary()).contains("Unzipped size must be smaller");
        assertThat(failed.title()).contains("OrdersFunction failed");
        AlertContract.assertValid(alerts.stream().map(ConsumerRecord::value).toList());
      }
    }
  }

  /** The latest state of each deployment the watch has published, by id. */
  private static Map<String, Deployment> latestDeployments(String bootstrap) {
    return TopicReader.readToEnd(bootstrap, Topics.DEPLOYMENTS, Duration.ofSeconds(30)).stream()
        .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value, (a, b) -> b));
  }

  /** The verdict status of deployment {@code id}; null while it is unknown or not judged. */
  private static VerdictStatus verdict(Map<String, Deployment> latest, String id) {
    Deployment d = latest.get(id);
    return d == null || d.verdict() == null ? null : d.verdict().status();
  }

  private static void send(KafkaProducer<String, CloudTrailEvent> producer, CloudTrailEvent e)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.CLOUDTRAIL.name(), null, e.eventTime().toEpochMilli(), e.account(), e))
        .get();
  }

  private static CloudTrailEvent stack(
      String id, Instant at, String logicalId, String status, String reason) {
    return DeployFixtures.stackStatus(
        id,
        at,
        "orders",
        logicalId,
        logicalId == null ? null : "orders-api",
        logicalId == null ? null : "AWS::Lambda::Function",
        status,
        reason);
  }
}
