package io.tocsin.topics;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tocsin.model.Json;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde that writes a Java record as JSON with the project's {@link Json} mapper. */
public final class JsonSerde<T> implements JsonValueSerde<T> {

  private final Class<T> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JsonSerde(Class<T> type) {
    this.type = type;
    this.reader = Json.MAPPER.readerFor(type);
    this.writer = Json.MAPPER.writerFor(type);
  }

  /** A serde for {@code type}. */
  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Class<T> type() {
    return type;
  }

  /** Serializes {@code value} to JSON bytes; {@code null} stays {@code null} (a tombstone). */
  public byte[] toBytes(T value) {
    if (value == null) {
      return null;
    }
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
    }
  }

  /** Parses JSON bytes; {@code null} stays {@code null}. */
  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return reader.readValue(bytes);
    } catch (IOException e) {
      throw new SerializationException(
          "not a valid " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> toBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }
}
