package io.tocsin.topics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.EventTime;
import io.tocsin.model.Json;
import io.tocsin.model.JsonTrees;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The values of {@code tocsin.cloudtrail.v1}: written as JSON by the project's mapper, read back by
 * one pass of Jackson's streaming parser that also keeps the event's own JSON text ({@link
 * CloudTrailEvent#rawEvent}) — binding cost a third of the parse, and every alert sample and term
 * pattern wrote the tree out again as text. Reads what the mapper would: fields in any order,
 * unknown fields skipped, {@code null} or absent strings as {@code null}, scalars coerced to text;
 * anything else is refused with the field it names.
 */
public final class CloudTrailEventSerde implements JsonValueSerde<CloudTrailEvent> {

  /** Event sources and names, accounts, regions and source names recur across events. */
  private static final StreamedFields FIELDS = new StreamedFields("CloudTrailEvent", 12);

  private static final ObjectReader INSTANT = Json.MAPPER.readerFor(Instant.class);

  private final JsonSerde<CloudTrailEvent> json = JsonSerde.of(CloudTrailEvent.class);

  @Override
  public Class<CloudTrailEvent> type() {
    return CloudTrailEvent.class;
  }

  @Override
  public Serializer<CloudTrailEvent> serializer() {
    return json.serializer();
  }

  @Override
  public Deserializer<CloudTrailEvent> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }

  /** Parses one value; {@code null} stays {@code null}. */
  public static CloudTrailEvent fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
      FIELDS.expectObject(parser.nextToken(), "the value");
      return cloudTrailEvent(parser, bytes);
    } catch (IOException e) {
      throw FIELDS.invalid(e);
    }
  }

  private static CloudTrailEvent cloudTrailEvent(JsonParser p, byte[] bytes) throws IOException {
    String eventId = null;
    Instant eventTime = null;
    String eventSource = null;
    String eventName = null;
    String account = null;
    String region = null;
    String envelope = null;
    JsonNode event = null;
    String rawEvent = null;
    SourcePosition source = null;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken token = p.nextToken();
      switch (name) {
        case "eventId" -> eventId = FIELDS.text(p, token, "", name);
        case "eventTime" -> eventTime = instant(p, token);
        case "eventSource" -> eventSource = FIELDS.recurring(p, token, "", name);
        case "eventName" -> eventName = FIELDS.recurring(p, token, "", name);
        case "account" -> account = FIELDS.recurring(p, token, "", name);
        case "region" -> region = FIELDS.recurring(p, token, "", name);
        case "envelope" -> envelope = FIELDS.recurring(p, token, "", name);
        case "event" -> {
          long start = p.currentTokenLocation().getByteOffset();
          event = token == JsonToken.VALUE_NULL ? NullNode.getInstance() : JsonTrees.read(p);
          rawEvent = text(bytes, start, p.currentLocation().getByteOffset());
        }
        case "source" -> source = FIELDS.position(p, token);
        default -> p.skipChildren();
      }
    }
    FIELDS.expectEnd(p);
    return new CloudTrailEvent(
        eventId,
        eventTime,
        eventSource,
        eventName,
        account,
        region,
        envelope,
        event,
        source,
        rawEvent);
  }

  /** The JSON text from byte {@code start} to {@code end}, or null when the parser did not say. */
  private static String text(byte[] bytes, long start, long end) {
    if (start < 0 || end <= start || end > bytes.length) {
      return null;
    }
    return new String(bytes, (int) start, (int) (end - start), StandardCharsets.UTF_8);
  }

  /**
   * An ISO-8601 instant as the mapper writes it (read directly: the general parser cost a fifth of
   * reading the value), or as CloudTrail and the ingest accept it; a number as the mapper reads it.
   */
  private static Instant instant(JsonParser p, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      return token == JsonToken.VALUE_STRING ? EventTime.parse(p.getText()) : INSTANT.readValue(p);
    } catch (IOException | DateTimeParseException e) {
      throw FIELDS.invalid("field 'eventTime' is not a time: " + e.getMessage());
    }
  }
}
