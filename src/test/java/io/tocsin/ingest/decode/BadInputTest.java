package io.tocsin.ingest.decode;

import static io.tocsin.ingest.Fixtures.dataMessage;
import static io.tocsin.ingest.Fixtures.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.Json;
import io.tocsin.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every class of input that cannot be decoded becomes one dead letter with a stable reason. */
class BadInputTest {

  private static final SourcePosition AT = SourcePosition.kinesis("s", "shardId-7", "123");
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final int BOUND = 64 * 1024;

  private final RecordDecoder decoder =
      new RecordDecoder(Clock.fixed(NOW, ZoneOffset.UTC), BOUND, EventIdWindow.defaults());

  @Test
  void shouldDeadLetterAnEmptyRecord() {
    assertDeadLetter(new byte[0], "empty", "no bytes");
  }

  @Test
  void shouldDeadLetterBrokenGzipKeepingTheRawBytes() {
    byte[] gzip = gzip("{\"messageType\":\"DATA_MESSAGE\"}".getBytes(StandardCharsets.UTF_8));
    byte[] truncated = Arrays.copyOf(gzip, gzip.length - 12);

    DeadLetter letter = assertDeadLetter(truncated, "bad_gzip", "does not inflate");

    assertThat(letter.raw()).isEqualTo(truncated);
    assertThat(letter.rawSize()).isEqualTo(truncated.length);
  }

  @Test
  void shouldDeadLetterBadBase64OfGzip() {
    assertDeadLetter("H4sI!!!".getBytes(StandardCharsets.US_ASCII), "bad_gzip", "");
  }

  @Test
  void shouldStopInflatingAGzipBombAtTheBound() {
    byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(100 * 1024);

    DeadLetter letter = assertDeadLetter(bomb, "oversize", "past the bound of 65536 bytes");

    assertThat(letter.rawSize()).isEqualTo(bomb.length);
  }

  @Test
  void shouldDeadLetterPlainJsonLargerThanTheBound() {
    byte[] big = ("\"" + "x".repeat(BOUND) + "\"").getBytes(StandardCharsets.UTF_8);

    DeadLetter letter = assertDeadLetter(big, "oversize", "exceed the bound");

    assertThat(letter.raw()).hasSize(DeadLetter.MAX_RAW_BYTES);
  }

  @Test
  void shouldDeadLetterInvalidUtf8() {
    byte[] json = "{\"eventName\":\"X\",\"eventSource\":\"s\"}".getBytes(StandardCharsets.UTF_8);
    json[15] = (byte) 0xC3;

    assertDeadLetter(json, "bad_utf8", "not valid UTF-8");
  }

  @Test
  void shouldDeadLetterInvalidUtf8InsideGzip() {
    byte[] json =
        dataMessage("g", List.of("caf\u00e9")).toString().getBytes(StandardCharsets.UTF_8);
    byte[] broken = Arrays.copyOf(json, json.length);
    int e = new String(json, StandardCharsets.ISO_8859_1).indexOf("caf") + 3;
    broken[e + 1] = (byte) 0x28;

    assertDeadLetter(gzip(broken), "bad_utf8", "");
  }

  @Test
  void shouldDeadLetterMalformedJson() {
    assertDeadLetter(bytes("{\"messageType\": \"DATA_MESSAGE\""), "bad_json", "not valid JSON");
    assertDeadLetter(bytes("{} {}"), "bad_json", "not valid JSON");
    assertDeadLetter(bytes("plain text log line"), "bad_json", "");
    assertDeadLetter(bytes("   "), "bad_json", "end-of-input");
  }

  @Test
  void shouldDeadLetterJsonNestedTooDeep() {
    String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);

    assertDeadLetter(bytes("{\"Records\":" + deep + "}"), "too_deep", "nesting depth");
  }

  @Test
  void shouldDeadLetterJsonOfAnUnknownShape() {
    assertDeadLetter(bytes("[1,2]"), "unknown_shape", "expected a JSON object, got ARRAY");
    assertDeadLetter(bytes("{\"hello\":\"world\"}"), "unknown_shape", "none of messageType");
    assertDeadLetter(bytes("{\"messageType\":\"PING\"}"), "unknown_shape", "messageType");
  }

  @Test
  void shouldDeadLetterAWholeEnvelopeWithAFieldOfTheWrongType() {
    ObjectNode envelope = dataMessage("g", List.of("a", "b"));
    ((ObjectNode) envelope.get("logEvents").get(1)).put("timestamp", "yesterday");

    DeadLetter letter =
        assertDeadLetter(gzip(envelope), "bad_field", "logEvents[1].timestamp: expected epoch");

    assertThat(letter.raw()).isEqualTo(gzip(envelope));
  }

  @Test
  void shouldDeadLetterOtherWrongTypes() {
    ObjectNode envelope = dataMessage("g", List.of("a"));
    envelope.put("logGroup", 42);
    assertDeadLetter(gzip(envelope), "bad_field", "logGroup: expected a string, got 42");
    assertDeadLetter(
        bytes("{\"eventName\":7,\"eventSource\":\"iam.amazonaws.com\"}"),
        "bad_field",
        "eventName: expected a string");
    assertDeadLetter(
        bytes("{\"eventName\":\"A\",\"eventSource\":\"s\",\"userIdentity\":\"root\"}"),
        "bad_field",
        "userIdentity");
    assertDeadLetter(bytes("{\"Records\":{}}"), "bad_field", "Records: expected an array");
    assertDeadLetter(
        bytes(
            "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\","
                + "\"logStream\":\"s\",\"logEvents\":[\"x\"]}"),
        "bad_field",
        "logEvents[0]");
  }

  @Test
  void shouldReadAnEnvelopeAsATreeWouldWhateverItsFieldOrder() {
    String event = "{\"id\":\"1\",\"timestamp\":5,\"message\":\"m\"}";
    String head = "{\"messageType\":\"DATA_MESSAGE\",";
    String streamed =
        head
            + "\"owner\":5,\"owner\":\"1\",\"logGroup\":\"g\",\"logStream\":\"s\","
            + "\"logEvents\":["
            + event
            + "]}";
    String tree =
        "{\"logEvents\":["
            + event
            + "],\"owner\":\"1\",\"logGroup\":\"g\","
            + "\"logStream\":\"s\",\"messageType\":\"DATA_MESSAGE\"}";

    for (String json : List.of(streamed, tree)) {
      DecodeResult result = decoder.decode(bytes(json), AT);
      assertThat(result.deadLetters()).isEmpty();
      assertThat(result.logs())
          .singleElement()
          .satisfies(
              log -> {
                assertThat(log.owner()).isEqualTo("1");
                assertThat(log.timestamp()).isEqualTo(5);
              });
    }
  }

  @Test
  void shouldReportTheSameFirstProblemOfAStreamedEnvelopeAsOfATree() {
    String head = "{\"messageType\":\"DATA_MESSAGE\",";
    String place = "\"logGroup\":\"g\",\"logStream\":\"s\"";
    assertExactly(
        head + "\"logEvents\":[{\"id\":1}]," + place + ",\"owner\":null}",
        "bad_field",
        "owner: expected a string, got null");
    assertExactly(
        head
            + "\"owner\":\"1\","
            + place
            + ",\"logEvents\":[{\"id\":\"1\",\"message\":\"m\"},"
            + "{\"id\":{},\"timestamp\":\"x\"},{\"id\":[]}]}",
        "bad_field",
        "logEvents[1].id: expected a string, got OBJECT");
    assertExactly(
        head
            + "\"owner\":\"1\","
            + place
            + ",\"logEvents\":[{\"id\":\"1\",\"timestamp\":"
            + "12345678901234567890}]}",
        "bad_field",
        "logEvents[0].timestamp: expected epoch milliseconds, got 12345678901234567890");
    assertExactly(
        head
            + "\"owner\":\"1\","
            + place
            + ",\"logEvents\":[{\"id\":\"1\",\"message\":\""
            + "x".repeat(50)
            + "\"}],\"logEvents\":7}",
        "bad_field",
        "logEvents: expected an array");
    assertExactly(
        head + "\"owner\":\"1\"," + place + ",\"logEvents\":[{\"id\":\"1\",\"message\":1.5e1}]}",
        "bad_field",
        "logEvents[0].message: expected a string, got 1.5e1");
    assertDeadLetter(bytes("{\"messageType\":\"PING\",\"x\":[}"), "bad_json", "not valid JSON");
    assertDeadLetter(
        bytes("{\"messageType\":\"CONTROL_MESSAGE\"} {}"), "bad_json", "Trailing token");
  }

  private void assertExactly(String json, String reason, String detail) {
    assertThat(assertDeadLetter(bytes(json), reason, detail).detail()).isEqualTo(detail);
  }

  @Test
  void shouldDeadLetterOnlyTheBadElementOfARecordsBody() {
    byte[] body = bytes("{\"Records\":[{\"eventName\":\"A\",\"eventSource\":\"s\"},{\"x\":1}]}");

    DecodeResult result = decoder.decode(body, AT);

    assertThat(result.cloudTrail()).hasSize(1);
    assertThat(result.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo("unknown_shape");
              assertThat(d.detail()).startsWith("Records[1]: ");
              assertThat(d.raw()).isEqualTo(bytes("{\"x\":1}"));
            });
  }

  @Test
  void shouldDeadLetterARecordsBodyOfManyBadElementsWholeInsteadOfOneByOne() {
    byte[] zeros = gzip(bytes("{\"Records\":[" + "0,".repeat(30_000) + "0]}"));

    assertDeadLetter(zeros, "unknown_shape", "more than 100 elements of Records are bad");
  }

  @Test
  void shouldStopParsingAtTheTokenLimitBeforeTheTreeExhaustsMemory() {
    RecordDecoder roomy =
        new RecordDecoder(
            Clock.fixed(NOW, ZoneOffset.UTC),
            RecordDecoder.DEFAULT_MAX_INFLATED_BYTES,
            EventIdWindow.defaults());
    byte[] objects =
        gzip(
            bytes(
                "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":["
                    + "{},".repeat(1_100_000)
                    + "{}]}"));
    assertThat(objects.length).isLessThan(64 * 1024);

    DecodeResult result = roomy.decode(objects, AT);

    assertThat(result.logs()).isEmpty();
    assertThat(result.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo("oversize");
              assertThat(d.detail()).contains("Token count");
            });
  }

  private DeadLetter assertDeadLetter(byte[] data, String reason, String detailPart) {
    DecodeResult result = decoder.decode(data, AT);
    assertThat(result.logs()).isEmpty();
    assertThat(result.cloudTrail()).isEmpty();
    assertThat(result.deadLetters()).hasSize(1);
    DeadLetter letter = result.deadLetters().get(0);
    assertThat(letter.reason()).isEqualTo(reason);
    assertThat(letter.detail()).contains(detailPart);
    assertThat(letter.source()).isEqualTo(AT);
    assertThat(letter.receivedAt()).isEqualTo(NOW);
    assertThat(letter.rawSize()).isEqualTo(data.length);
    return letter;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
