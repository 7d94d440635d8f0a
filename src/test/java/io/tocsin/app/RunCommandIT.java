package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topics;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar as an operator runs it: {@code java -jar target/tocsin.jar run --config FILE}
 * against a Kafka cluster, ready on {@code /health/ready}, alerting on a real log line, counting it
 * on {@code /metrics}, and stopping cleanly on SIGTERM.
 */
class RunCommandIT {

  @TempDir Path dir;

  @Test
  void shouldRunTheJarAgainstAClusterAndStopCleanlyOnSigterm() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path config = dir.resolve("tocsin.yaml");
      Files.writeString(
          config,
          "kafka:\n  bootstrap_servers: "
              + broker.bootstrapServers()
              + "\n  state_dir: "
              + dir.resolve("state")
              + "\n  instance_id: run-it\napi:\n  host: 127.0.0.1\n  port: "
              + port
              + "\n");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-jar",
                  Path.of("target/tocsin.jar").toAbsolutePath().toString(),
                  "run",
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("run.log").toFile());
      builder.environment().put("TOCSIN_API_TOKEN", "run-it-token-0123456789abcdef");
      Process run = builder.start();
      try {
        awaitReady(port, run);
        KafkaClients clients =
            new KafkaClients(KafkaSettings.defaults().withCluster(broker.bootstrapServers(), "x"));
        try (KafkaProducer<String, LogEvent> producer =
            new KafkaProducer<>(
                clients.producer("run-it"),
                Topics.LOGS.keySerde().serializer(),
                Topics.LOGS.valueSerde().serializer())) {
          LogEvent timeout =
              new LogEvent(
                  "123456789012",
                  "/aws/lambda/orders-api",
                  "s",
                  "1",
                  Instant.now().toEpochMilli(),
                  "2020-02-04T00:26:18.068Z b3c5 Task timed out after 3.00 seconds",
                  SourcePosition.file("run-it", 1));
          producer
              .send(new ProducerRecord<>(Topics.LOGS.name(), timeout.logGroup(), timeout))
              .get();
        }
        List<ConsumerRecord<String, Alert>> alerts =
            TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 1, Duration.ofSeconds(30));
        assertThat(alerts).extracting(r -> r.value().rule().id()).contains("lambda-task-timeout");
        assertThat(scrape(port))
            .as("the detection meters and the binders, as Prometheus scrapes them")
            .contains("tocsin_rules_matched_total{rule=\"lambda-task-timeout\"} 1.0")
            .contains(
                "tocsin_alerts_raised_total{rule=\"lambda-task-timeout\",severity=\"high\"} 1.0")
            .contains("jvm_memory_used_bytes{")
            .contains("kafka_stream_thread_");
      } finally {
        long t0 = System.nanoTime();
        run.destroy();
        boolean exited = run.waitFor(20, TimeUnit.SECONDS);
        System.out.printf("tocsin run stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        if (!exited) {
          run.destroyForcibly();
        }
        assertThat(exited).as("stopped on SIGTERM; log: %s", log()).isTrue();
        assertThat(run.exitValue())
            .as("exit code after SIGTERM (128 + 15, as for any JVM); log: %s", log())
            .isEqualTo(143);
        assertThat(log()).contains("stopping").doesNotContain("ERROR");
      }
    }
  }

  private String log() throws java.io.IOException {
    File file = dir.resolve("run.log").toFile();
    return file.exists() ? Files.readString(file.toPath()) : "";
  }

  /** The {@code /metrics} page once the counters of the alert above are on it. */
  private static String scrape(int port) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
    HttpClient http = HttpClient.newHttpClient();
    String page = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!page.contains("tocsin_alerts_raised_total") && System.nanoTime() < deadline) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      page = response.body();
    }
    return page;
  }

  private void awaitReady(int port, Process run) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertThat(run.isAlive()).as("tocsin run exited early; log: %s", log()).isTrue();
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notListeningYet) {
        // the server starts after the pipeline
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not ready within 60 s; log: " + log());
  }
}
