package io.tocsin.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;

/** Jackson support for the short duration form of {@link Durations} ({@code 30s}, {@code 5m}). */
public final class DurationModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** A module reading and writing {@link Duration} as {@code 250ms}, {@code 30s}, {@code 1h}… */
  public DurationModule() {
    super("tocsin-durations");
    addSerializer(Duration.class, new DurationSerializer());
    addDeserializer(Duration.class, new DurationDeserializer());
  }

  /** Writes the short form. */
  private static final class DurationSerializer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(Durations.format(value));
    }
  }

  /** Reads the short form; anything else is an invalid-format error naming the expected form. */
  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return Durations.parse(p.currentName(), text);
      } catch (ConfigException e) {
        throw ctxt.weirdStringException(text, Duration.class, e.problem());
      }
    }
  }
}
