package io.tocsin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.ConfigLoader;
import io.tocsin.config.TocsinConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amazon MSK with IAM authentication, configured as README shows: every Kafka client tocsin makes
 * accepts the configuration and builds (the IAM login module and callback handler load; no network
 * is needed until the first request).
 */
class MskIamClientsTest {

  private static final String MSK_IAM =
      """
      kafka:
        bootstrap_servers: 127.0.0.1:9098
        properties:
          security.protocol: SASL_SSL
          sasl.mechanism: AWS_MSK_IAM
          sasl.jaas.config: software.amazon.msk.auth.iam.IAMLoginModule required;
          sasl.client.callback.handler.class: software.amazon.msk.auth.iam.IAMClientCallbackHandler
      """;

  @TempDir Path dir;

  @Test
  void shouldBuildEveryKafkaClientWithTheMskIamConfiguration() throws IOException {
    Path file = dir.resolve("tocsin.yaml");
    Files.writeString(file, MSK_IAM + "  state_dir: " + dir.resolve("state") + "\n");
    TocsinConfig config = ConfigLoader.load(file, Map.of());
    KafkaClients clients = new KafkaClients(config.kafka());

    try (Admin admin = Admin.create(clients.admin());
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                clients.producer("msk-iam-test"), new StringSerializer(), new StringSerializer());
        KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(
                clients.consumer("msk-iam-test", "msk-iam-test"),
                new StringDeserializer(),
                new StringDeserializer())) {
      assertThat(admin).isNotNull();
      assertThat(producer.metrics()).isNotEmpty();
      assertThat(consumer.metrics()).isNotEmpty();
    }
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("msk-iam-test").to("msk-iam-test-out");
    try (KafkaStreams streams = new KafkaStreams(builder.build(), clients.streams("msk-iam"))) {
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.CREATED);
    }
  }

  @Test
  void shouldShipTheIamLoginModuleAndCallbackHandler() throws ClassNotFoundException {
    assertThat(Class.forName("software.amazon.msk.auth.iam.IAMLoginModule")).isNotNull();
    assertThat(Class.forName("software.amazon.msk.auth.iam.IAMClientCallbackHandler")).isNotNull();
  }
}
