package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Alert;
import io.tocsin.topics.JsonSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MatchFolder} over its changelogged fold store, in Streams' in-process driver (which
 * commits after every record, so only the wall-clock punctuation forwards): matches of one incident
 * fold into one record with their counts, samples, event IDs and time span; a fold carries its
 * earliest event time; the store is empty once the folds are forwarded.
 */
class MatchFolderTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final Serde<Match> MATCHES = JsonSerde.of(Match.class);
  private static final String STORE = "test-match-folds";

  private TopologyTestDriver driver;
  private TestInputTopic<String, Match> in;
  private TestOutputTopic<String, Match> out;

  @BeforeEach
  void start() throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(DetectStores.inMemory(STORE, MATCHES));
    builder.stream("matches", Consumed.with(Serdes.String(), MATCHES))
        .process(() -> new MatchFolder(STORE), STORE)
        .to("folded", Produced.with(Serdes.String(), MATCHES));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fold-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    Path state = Files.createTempDirectory("tocsin-fold-test");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    driver = new TopologyTestDriver(builder.build(), props, T0);
    in = driver.createInputTopic("matches", Serdes.String().serializer(), MATCHES.serializer());
    out =
        driver.createOutputTopic("folded", Serdes.String().deserializer(), MATCHES.deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void shouldForwardNothingBeforeTheCommitIntervalPasses() {
    in.pipeInput("key", match("a", T0, "e1"), T0);
    assertThat(out.isEmpty()).isTrue();
    assertThat(driver.getKeyValueStore(STORE).get("a")).isNotNull();
  }

  @Test
  void shouldFoldTheMatchesOfOneIncidentIntoOneRecordPerInterval() {
    for (int i = 0; i < 8; i++) {
      Instant at = T0.plusSeconds(10 - i); // out of order: the last one is the earliest
      in.pipeInput("key", match("a", at, "e" + i), at);
    }
    in.pipeInput("key", match("b", T0.plusSeconds(30), "other"), T0.plusSeconds(30));
    driver.advanceWallClockTime(MatchFolder.DEFAULT_INTERVAL);

    Map<String, TestRecord<String, Match>> folded =
        out.readRecordsToList().stream().collect(Collectors.toMap(TestRecord::key, r -> r));
    assertThat(folded).containsOnlyKeys("a", "b");
    Match a = folded.get("a").value();
    assertThat(a.count()).isEqualTo(8);
    assertThat(a.eventTime()).isEqualTo(T0.plusSeconds(3));
    assertThat(a.lastEventTime()).isEqualTo(T0.plusSeconds(10));
    assertThat(a.samples()).hasSize(Alert.MAX_SAMPLES).startsWith("line e0", "line e1");
    assertThat(a.context().get("eventIds")).hasSize(8);
    assertThat(folded.get("a").timestamp())
        .as("a fold carries its earliest event time")
        .isEqualTo(T0.plusSeconds(3).toEpochMilli());
    assertThat(folded.get("b").value().count()).isEqualTo(1);
    assertThat(driver.getKeyValueStore(STORE).approximateNumEntries())
        .as("forwarded folds are deleted")
        .isZero();

    in.pipeInput("key", match("a", T0.plusSeconds(40), "later"), T0.plusSeconds(40));
    driver.advanceWallClockTime(MatchFolder.DEFAULT_INTERVAL);
    assertThat(out.readValuesToList())
        .as("the next interval starts a new fold")
        .singleElement()
        .satisfies(m -> assertThat(m.count()).isEqualTo(1));
  }

  private static Match match(String fingerprint, Instant at, String eventId) {
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    context.putArray("eventIds").add(eventId);
    return new Match(
        fingerprint,
        "rule",
        Map.of("log_group", "/aws/lambda/f"),
        at,
        "line " + eventId,
        new Alert.Resource("123456789012", null, "/aws/lambda/f", null, null, null, null),
        context);
  }
}
