package io.tocsin.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.testing.CloudTrailEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader of {@code tocsin.cloudtrail.v1} values reads what Jackson's data binding
 * reads on real CloudTrail events, keeps each event's JSON text as it was on the topic, and refuses
 * bad values naming the field.
 */
class CloudTrailEventSerdeTest {

  private static final JsonSerde<CloudTrailEvent> BINDING = JsonSerde.of(CloudTrailEvent.class);

  @Test
  void shouldReadEveryLabelledEventAsDataBindingDoesAndKeepItsText() {
    List<CloudTrailEvents.Labelled> rows = CloudTrailEvents.panther();
    assertThat(rows).hasSizeGreaterThan(400);
    Random random = new Random(7);
    for (CloudTrailEvents.Labelled row : rows) {
      CloudTrailEvent event = row.event();
      byte[] bytes = ShuffledJson.withUnknownFields(BINDING.toBytes(event), random);

      CloudTrailEvent read = CloudTrailEventSerde.fromBytes(bytes);

      assertThat(read)
          .as("line %d", row.line())
          .isEqualTo(BINDING.fromBytes(bytes))
          .isEqualTo(event);
      assertThat(read.eventText()).as("line %d", row.line()).isEqualTo(event.event().toString());
    }
  }

  @Test
  void shouldKeepTheEventTextAsWrittenOnTheTopic() {
    String event = "{ \"eventName\" : \"GetObject\",\n  \"n\": 4e2, \"s\": \"ünï ✓ \\\"q\\\"\" }";
    byte[] bytes =
        ("{\"eventId\":\"e-1\",\"eventTime\":\"2026-12-07T02:00:00Z\",\"event\":"
                + event
                + ",\"account\":\"111122223333\"}")
            .getBytes(StandardCharsets.UTF_8);

    CloudTrailEvent read = CloudTrailEventSerde.fromBytes(bytes);

    assertThat(read.eventText()).isEqualTo(event);
    assertThat(read.event().path("n").toString()).isEqualTo("4e2");
    assertThat(read.event().path("s").asText()).isEqualTo("ünï ✓ \"q\"");
    assertThat(read.account()).isEqualTo("111122223333");
    assertThat(read.eventTime()).hasToString("2026-12-07T02:00:00Z");
  }

  @Test
  void shouldWriteATreeBuiltEventAsTextWhenNoneWasRead() throws Exception {
    CloudTrailEvent built = CloudTrailEvents.panther().get(0).event();

    assertThat(built.rawEvent()).isNull();
    assertThat(Json.MAPPER.readTree(built.eventText())).isEqualTo(built.event());
    assertThat(new String(BINDING.toBytes(built), StandardCharsets.UTF_8))
        .as("the text is not written to the topic twice")
        .doesNotContain("rawEvent");
  }

  @Test
  void shouldReadTimesInEveryFormTheMapperReads() {
    assertThat(read("{\"eventTime\":\"2026-12-07T03:00:00+01:00\"}").eventTime())
        .hasToString("2026-12-07T02:00:00Z");
    assertThat(read("{\"eventTime\":null,\"event\":null}").eventTime()).isNull();
    assertThat(read("{\"event\":null}").eventText()).isEqualTo("null");
  }

  @Test
  void shouldRefuseBadValuesNamingTheField() {
    assertThatThrownBy(() -> read("{\"eventTime\":\"yesterday\"}"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("CloudTrailEvent")
        .hasMessageContaining("eventTime");
    assertThatThrownBy(() -> read("{\"eventName\":{\"nested\":1}}"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("'eventName'");
    assertThatThrownBy(() -> read("{\"source\":[1,2]}"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("'source'");
    assertThatThrownBy(() -> read("[\"eventName\"]"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("the value must be an object");
    assertThatThrownBy(() -> read("{\"eventId\":\"e\",\"event\":{\"a\":"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("CloudTrailEvent");
  }

  private static CloudTrailEvent read(String json) {
    return CloudTrailEventSerde.fromBytes(json.getBytes(StandardCharsets.UTF_8));
  }
}
