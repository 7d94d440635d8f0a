package io.tocsin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("tocsin.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void shouldUseDocumentedDefaultsWithoutAFile() {
    TocsinConfig config = ConfigLoader.load(null, Map.of());
    assertThat(config).isEqualTo(TocsinConfig.defaults());
    assertThat(config.kafka().partitions()).isEqualTo(3);
    assertThat(config.kafka().commitInterval()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void shouldOverlayFileThenEnvironmentOverDefaults() throws IOException {
    Path file =
        write(
            """
            kafka:
              bootstrap_servers: b-1.msk.example:9098,b-2.msk.example:9098
              partitions: 6
              commit_interval: 250ms
              properties:
                security.protocol: SASL_SSL
                sasl.mechanism: AWS_MSK_IAM
            """);
    TocsinConfig config =
        ConfigLoader.load(file, Map.of("TOCSIN_KAFKA__PARTITIONS", "12", "HOME", "/root"));
    assertThat(config.kafka().bootstrapServers())
        .isEqualTo("b-1.msk.example:9098,b-2.msk.example:9098");
    assertThat(config.kafka().partitions()).isEqualTo(12);
    assertThat(config.kafka().commitInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.kafka().properties()).containsEntry("sasl.mechanism", "AWS_MSK_IAM");
    assertThat(config.kafka().applicationId()).isEqualTo("tocsin");
  }

  @Test
  void shouldNameFileLineAndKeyOfAnOutOfRangeValue() throws IOException {
    Path file = write("kafka:\n  application_id: tocsin\n  partitions: 0\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file + ":3:3: kafka.partitions: expected a whole number from 1 to 10000, got 0");
  }

  @Test
  void shouldGiveDetectionOneThreadPerProcessorUnlessTold() throws IOException {
    int processors = Runtime.getRuntime().availableProcessors();
    assertThat(ConfigLoader.load(null, Map.of()).kafka().detectionThreadsOrDefault())
        .isEqualTo(Math.min(processors, 64));
    Path four = write("kafka:\n  detection_threads: 4\n");
    assertThat(ConfigLoader.load(four, Map.of()).kafka().detectionThreadsOrDefault()).isEqualTo(4);
    Path many = write("kafka:\n  application_id: tocsin\n  detection_threads: 65\n");
    assertThatThrownBy(() -> ConfigLoader.load(many, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            many
                + ":3:3: kafka.detection_threads: expected 0 (one per processor) or a whole number"
                + " from 1 to 64, got 65");
  }

  @Test
  void shouldListKnownKeysForAnUnknownKey() throws IOException {
    Path file = write("kafka:\n  replicas: 3\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":2:3: kafka.replicas: unknown key; expected one of: ")
        .hasMessageContaining("partitions")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void shouldRejectANonNumberWhereANumberIsExpected() throws IOException {
    Path file = write("kafka:\n  partitions: many\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            file + ":2:3: kafka.partitions: expected a whole number, got \"many\"");
  }

  @Test
  void shouldRejectABadDurationNamingTheKey() throws IOException {
    Path file = write("kafka:\n  commit_interval: soon\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":2:3: kafka.commit_interval: ")
        .hasMessageContaining("expected a duration such as 250ms, 30s, 5m, 1h or 7d, got 'soon'");
  }

  @Test
  void shouldNameTheEnvironmentVariableOfABadOverride() {
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("TOCSIN_KAFKA__BOOTSTRAP_SERVERS", "no port")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "environment variable TOCSIN_KAFKA__BOOTSTRAP_SERVERS: kafka.bootstrap_servers: "
                + "expected host:port[,host:port…], got 'no port'");
  }

  @Test
  void shouldRefuseClientPropertiesTocsinOwns() throws IOException {
    Path file = write("kafka:\n  properties:\n    processing.guarantee: at_least_once\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":")
        .hasMessageContaining("kafka.properties.processing.guarantee: is set by tocsin itself");
  }

  @Test
  void shouldReportInvalidYamlWithItsLine() throws IOException {
    Path file = write("kafka:\n  partitions: 3\n   bad: [\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageMatching(
            java.util.regex.Pattern.quote(file.toString()) + ":3:\\d+: .*not valid YAML.*");
  }

  @Test
  void shouldReportAMissingFile() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": (file): no such file");
  }

  @Test
  void shouldRejectASectionThatIsNotAMapping() throws IOException {
    Path file = write("kafka: localhost:9092\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":1:1: kafka: expected a mapping, got \"localhost:9092\"");
  }

  @Test
  void shouldValidateHeartbeatsNamingTheListIndex() throws IOException {
    Path file =
        write(
            """
            heartbeats:
              - name: orders-logs
                source: logs
                key: /aws/lambda/orders-api
                absent_for: 10s
            """);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file + ":5:5: heartbeats.0.absent_for: expected a duration from 1m to 7d, got 10s");
  }

  @Test
  void shouldRejectDuplicateHeartbeatNames() throws IOException {
    Path file =
        write(
            """
            heartbeats:
              - {name: trail, source: cloudtrail, key: "123456789012"}
              - {name: trail, source: cloudtrail, key: "210987654321"}
            """);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("heartbeats.1.name: duplicate name 'trail'");
  }

  @Test
  void shouldReportEveryErrorOfTheFileAtOnceInFileOrder() throws IOException {
    Path file =
        write(
            """
            kafka:
              partitions: three
              comit_interval: 5s
            kinesis:
              max_records: 0
            api:
              port: eighty
            heartbeats:
              - {name: a, source: logs, key: /x, absent_for: 10s}
            """);
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

    assertThat(e.errors())
        .extracting(ConfigError::text)
        .containsExactly(
            file + ":2:3: kafka.partitions: expected a whole number, got \"three\"",
            file + ":3:3: kafka.comit_interval: unknown key; did you mean 'commit_interval'?",
            file + ":5:3: kinesis.max_records: expected a whole number from 1 to 10000, got 0",
            file + ":7:3: api.port: expected a whole number, got \"eighty\"",
            file + ":9:38: heartbeats.0.absent_for: expected a duration from 1m to 7d, got 10s");
    assertThat(e.getMessage().lines()).hasSize(5);
    assertThat(e.getMessage()).doesNotContain("Cannot deserialize").doesNotContain("`int`");
  }

  @Test
  void shouldSayWhatAMistypedValueShouldBeWithoutJacksonText() throws IOException {
    Path file = write("kafka:\n  partitions: three\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessage(file + ":2:3: kafka.partitions: expected a whole number, got \"three\"");
    Path list = write("rules:\n  dirs: {a: b}\n");
    assertThatThrownBy(() -> ConfigLoader.load(list, Map.of()))
        .hasMessage(list + ":2:3: rules.dirs: expected a list, got a mapping");
  }

  @Test
  void shouldPlaceATabOnTheLineItIsOn() throws IOException {
    Path file = write("kafka:\n\tpartitions: 3\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageStartingWith(file + ":2:1: (document): not valid YAML: ")
        .hasMessageContaining("cannot start any token");
  }
}
