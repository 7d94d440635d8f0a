package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.HeartbeatSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.topics.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatDetectorTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final HeartbeatSettings ORDERS =
      new HeartbeatSettings(
          "orders-logs", "logs", "/aws/lambda/orders-api", Duration.ofMinutes(10), "high");
  private static final HeartbeatSettings TRAIL =
      new HeartbeatSettings("trail", "cloudtrail", "123456789012", Duration.ofMinutes(15), null);

  private TopologyTestDriver driver;
  private TestInputTopic<String, LogEvent> logs;
  private TestOutputTopic<String, Alert> alerts;

  @BeforeEach
  void start() throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    HeartbeatDetector.build(builder, List.of(ORDERS, TRAIL), null);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "heartbeat-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("hb").toString());
    driver = new TopologyTestDriver(builder.build(), props, T0);
    logs =
        driver.createInputTopic(
            Topics.LOGS.name(),
            Topics.LOGS.keySerde().serializer(),
            Topics.LOGS.valueSerde().serializer());
    alerts =
        driver.createOutputTopic(
            Topics.ALERTS.name(),
            Topics.ALERTS.keySerde().deserializer(),
            Topics.ALERTS.valueSerde().deserializer());
    driver.advanceWallClockTime(Duration.ofSeconds(1)); // the first tick, as one second after start
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void event(String group) {
    logs.pipeInput(
        group,
        new LogEvent(
            "123456789012",
            group,
            "s",
            "1",
            T0.toEpochMilli(),
            "START",
            SourcePosition.file("f", 1)));
  }

  @Test
  void shouldStaySilentWhileTheSourceKeepsSending() {
    for (int minute = 0; minute < 30; minute++) {
      event("/aws/lambda/orders-api");
      driver.advanceWallClockTime(Duration.ofMinutes(1));
    }
    assertThat(alerts.readValuesToList())
        .as("only the trail, never seen, goes silent")
        .extracting(a -> a.labels().get("heartbeat"))
        .containsExactly("trail");
  }

  @Test
  void shouldFireOnceWhenTheSourceGoesSilentAndResolveWhenItSendsAgain() {
    event("/aws/lambda/orders-api");
    driver.advanceWallClockTime(Duration.ofMinutes(9));
    assertThat(alerts.readValuesToList()).isEmpty();

    driver.advanceWallClockTime(Duration.ofMinutes(2));
    List<Alert> fired = alerts.readValuesToList();
    assertThat(fired).hasSize(1);
    Alert alert = fired.get(0);
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.title()).isEqualTo("No events from log group /aws/lambda/orders-api for 10m");
    assertThat(alert.rule().severity().label()).isEqualTo("high");
    assertThat(alert.startsAt()).isEqualTo(T0.plusSeconds(1));

    driver.advanceWallClockTime(Duration.ofMinutes(3));
    assertThat(alerts.readValuesToList()).as("still silent: no second page").isEmpty();

    event("/aws/lambda/orders-api");
    List<Alert> resolved = alerts.readValuesToList();
    assertThat(resolved).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED);
    assertThat(resolved.get(0).fingerprint()).isEqualTo(alert.fingerprint());
  }

  @Test
  void shouldNotTakeTocsinsOwnDowntimeForASilentSource() {
    // As after a restart: the store, restored from its changelog, last saw the source 30 minutes
    // before processing resumed (at T0, the first tick one second later).
    KeyValueStore<String, HeartbeatState> store = driver.getKeyValueStore("heartbeat-store");
    Instant lastSeen = T0.minus(Duration.ofMinutes(30));
    store.put(ORDERS.name(), new HeartbeatState(lastSeen.toEpochMilli(), null));

    driver.advanceWallClockTime(Duration.ofMinutes(9));
    assertThat(alerts.readValuesToList())
        .as("within absent_for of resuming: the silence so far was tocsin's")
        .isEmpty();

    driver.advanceWallClockTime(Duration.ofMinutes(2));
    List<Alert> fired =
        alerts.readValuesToList().stream()
            .filter(a -> a.labels().get("heartbeat").equals(ORDERS.name()))
            .toList();
    assertThat(fired).as("silent for absent_for since resuming").hasSize(1);
    assertThat(fired.get(0).startsAt()).as("silent since the last event seen").isEqualTo(lastSeen);
  }

  @Test
  void shouldIgnoreSourcesThatAreNotWatched() {
    event("/aws/lambda/other");
    driver.advanceWallClockTime(Duration.ofMinutes(11));
    assertThat(alerts.readValuesToList())
        .extracting(a -> a.labels().get("heartbeat"))
        .containsExactly("orders-logs");
  }
}
