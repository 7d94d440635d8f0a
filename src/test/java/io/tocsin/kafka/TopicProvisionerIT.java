package io.tocsin.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.config.ConfigException;
import io.tocsin.config.KafkaSettings;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A topic with another partition count than configured is one clear configuration error. */
class TopicProvisionerIT {

  @TempDir Path dir;

  @Test
  void shouldNameTheTopicAndBothCountsWhenPartitionsDiffer() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      new TopicProvisioner(clients(broker, 2)).ensure(List.of(Topics.LOGS));

      assertThatThrownBy(
              () -> new TopicProvisioner(clients(broker, 3)).ensure(List.of(Topics.LOGS)))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              "kafka.partitions: topic tocsin.logs.v1 exists with 2 partitions but"
                  + " kafka.partitions is 3; set kafka.partitions to 2 or migrate the topic");
    }
  }

  private KafkaClients clients(EmbeddedKafkaBroker broker, int partitions) {
    return new KafkaClients(
        new KafkaSettings(
            broker.bootstrapServers(),
            Map.of(),
            partitions,
            1,
            "provisioner-it",
            dir.resolve("state").toString(),
            Duration.ofMillis(100),
            "provisioner-it"));
  }
}
