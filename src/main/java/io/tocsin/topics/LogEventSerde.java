package io.tocsin.topics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
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

  /** Log groups, streams, accounts and source names are shared by every reader. */
  private static final StreamedFields FIELDS = new StreamedFields("LogEvent", 14);

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
        new StringSerializer(),
        (topic, bytes) -> bytes == null ? null : FIELDS.canon().ofUtf8(bytes));
  }

  /** Parses one value; {@code null} stays {@code null}. */
  public static LogEvent fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
      FIELDS.expectObject(parser.nextToken(), "the value");
      return logEvent(parser);
    } catch (IOException e) {
      throw FIELDS.invalid(e);
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
        case "owner" -> owner = FIELDS.recurring(p, token, "", name);
        case "logGroup" -> logGroup = FIELDS.recurring(p, token, "", name);
        case "logStream" -> logStream = FIELDS.recurring(p, token, "", name);
        case "id" -> id = FIELDS.text(p, token, "", name);
        case "timestamp" -> timestamp = epochMillis(p, token);
        case "message" -> message = FIELDS.text(p, token, "", name);
        case "source" -> source = FIELDS.position(p, token);
        default -> p.skipChildren();
      }
    }
    FIELDS.expectEnd(p);
    return new LogEvent(owner, logGroup, logStream, id, timestamp, message, source);
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
        throw FIELDS.invalid("field 'timestamp' is not a number: " + p.getText());
      }
    }
    throw FIELDS.invalid("field 'timestamp' must be a number, not " + token);
  }
}
