package io.tocsin.topics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The values of {@code tocsin.logs.v1}: written as JSON by the project's mapper, read back by one
 * pass of Jackson's streaming parser instead of data binding — the detection thread reads every log
 * event, and binding cost as much again as parsing. Reads what the mapper would: fields in any
 * order, unknown fields skipped, {@code null} or absent strings as {@code null}, scalars coerced to
 * text, a numeric string as the timestamp; anything else is refused with the field it names.
 */
public final class LogEventSerde implements JsonValueSerde<LogEvent> {

  /** Log groups, streams, accounts and source names, shared by every reader. */
  private static final StringCanon RECURRING = new StringCanon(14);

  private final JsonSerde<LogEvent> json = JsonSerde.of(LogEvent.class);

  @Override
  public Class<LogEvent> type() {
    return LogEvent.class;
  }

  @Override
  public Serializer<LogEvent> serializer() {
    return json.serializer();
  }

  @Override
  public Deserializer<LogEvent> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }

  /**
   * The serde of the topic's keys (log groups): UTF-8 strings, read as the same shared instance as
   * the log group of the values, so the key costs neither a new string nor a hash computation.
   */
  public static Serde<String> keySerde() {
    return new Serdes.WrapperSerde<>(
        new StringSerializer(), (topic, bytes) -> bytes == null ? null : RECURRING.ofUtf8(bytes));
  }

  /** Parses one value; {@code null} stays {@code null}. */
  public static LogEvent fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
      expectObject(parser, parser.nextToken(), "the value");
      return logEvent(parser);
    } catch (IOException e) {
      throw new SerializationException("not a valid LogEvent JSON: " + e.getMessage(), e);
    }
  }

  private static LogEvent logEvent(JsonParser p) throws IOException {
    String owner = null;
    String logGroup = null;
    String logStream = null;
    String id = null;
    long timestamp = 0;
    String message = null;
    SourcePosition source = null;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken token = p.nextToken();
      switch (name) {
        case "owner" -> owner = recurring(p, token, "", name);
        case "logGroup" -> logGroup = recurring(p, token, "", name);
        case "logStream" -> logStream = recurring(p, token, "", name);
        case "id" -> id = text(p, token, "", name);
        case "timestamp" -> timestamp = epochMillis(p, token);
        case "message" -> message = text(p, token, "", name);
        case "source" -> source = token == JsonToken.VALUE_NULL ? null : position(p, token);
        default -> p.skipChildren();
      }
    }
    expectEnd(p);
    return new LogEvent(owner, logGroup, logStream, id, timestamp, message, source);
  }

  private static SourcePosition position(JsonParser p, JsonToken token) throws IOException {
    expectObject(p, token, "field 'source'");
    String system = null;
    String stream = null;
    String partition = null;
    String offset = null;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken value = p.nextToken();
      switch (name) {
        case "system" -> system = recurring(p, value, "source.", name);
        case "stream" -> stream = recurring(p, value, "source.", name);
        case "partition" -> partition = recurring(p, value, "source.", name);
        case "offset" -> offset = text(p, value, "source.", name);
        default -> p.skipChildren();
      }
    }
    expectEnd(p);
    return new SourcePosition(system, stream, partition, offset);
  }

  /** A value that recurs across events, as the canonical instance. */
  private static String recurring(JsonParser p, JsonToken token, String parent, String field)
      throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return RECURRING.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }
    return text(p, token, parent, field);
  }

  private static String text(JsonParser p, JsonToken token, String parent, String field)
      throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != null && token.isScalarValue()) {
      return p.getText();
    }
    throw new SerializationException(
        "not a valid LogEvent JSON: field '" + parent + field + "' must be a string, not " + token);
  }

  private static long epochMillis(JsonParser p, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      return (long) p.getDoubleValue();
    }
    if (token == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Long.parseLong(p.getText().trim());
      } catch (NumberFormatException e) {
        throw new SerializationException(
            "not a valid LogEvent JSON: field 'timestamp' is not a number: " + p.getText());
      }
    }
    throw new SerializationException(
        "not a valid LogEvent JSON: field 'timestamp' must be a number, not " + token);
  }

  private static void expectObject(JsonParser p, JsonToken token, String what) {
    if (token != JsonToken.START_OBJECT) {
      throw new SerializationException(
          "not a valid LogEvent JSON: " + what + " must be an object, not " + token);
    }
  }

  /** After the last field: the object must end here (a truncated value has no END_OBJECT). */
  private static void expectEnd(JsonParser p) {
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new SerializationException(
          "not a valid LogEvent JSON: expected a field name or '}', not " + p.currentToken());
    }
  }
}
