package io.tocsin.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The streaming reader of {@code tocsin.logs.v1} values reads exactly what Jackson's data binding
 * reads — whatever the field order, unknown fields, nulls or characters — and refuses bad values
 * with a {@link SerializationException} naming the field (which the dead-letter handler reports).
 */
class LogEventSerdeProperties {

  private static final JsonSerde<LogEvent> BINDING = JsonSerde.of(LogEvent.class);

  @Provide
  Arbitrary<LogEvent> events() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80),
                Arbitraries.of(
                    "{\"level\":\"ERROR\",\"msg\":\"boom\"}",
                    "REPORT RequestId: 1\tDuration: 2.5 ms",
                    "ünïcödé ✓ 𝄞 \\ \" \n\t"))
            .injectNull(0.1);
    Arbitrary<SourcePosition> source =
        Combinators.combine(text, text, text, text).as(SourcePosition::new).injectNull(0.2);
    return Combinators.combine(text, text, text, text, Arbitraries.longs(), text, source)
        .as(LogEvent::new);
  }

  @Property(tries = 500)
  void shouldReadWhatDataBindingReads(@ForAll("events") LogEvent event, @ForAll long seed) {
    byte[] bytes = ShuffledJson.withUnknownFields(BINDING.toBytes(event), new Random(seed));

    assertThat(LogEventSerde.fromBytes(bytes)).isEqualTo(BINDING.fromBytes(bytes)).isEqualTo(event);
  }

  @Example
  void shouldCoerceScalarsAsDataBindingDoes() {
    byte[] bytes =
        utf8(
            "{\"owner\":123456789012,\"logGroup\":true,\"timestamp\":\"1700000000000\",\"id\":1.5}");

    LogEvent event = LogEventSerde.fromBytes(bytes);
    assertThat(event).isEqualTo(BINDING.fromBytes(bytes));
    assertThat(event.owner()).isEqualTo("123456789012");
    assertThat(event.timestamp()).isEqualTo(1_700_000_000_000L);
  }

  @Example
  void shouldRefuseValuesItCannotReadNamingTheField() {
    assertThatThrownBy(() -> LogEventSerde.fromBytes(utf8("{\"message\":{\"nested\":1}}")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("'message'");
    assertThatThrownBy(() -> LogEventSerde.fromBytes(utf8("{\"timestamp\":\"yesterday\"}")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("'timestamp'");
    assertThatThrownBy(() -> LogEventSerde.fromBytes(utf8("{\"source\":[1,2]}")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("'source'");
    assertThatThrownBy(() -> LogEventSerde.fromBytes(utf8("[\"owner\"]")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("must be an object");
  }

  @Property(tries = 300)
  void shouldRefuseEveryTruncatedValue(@ForAll("events") LogEvent event, @ForAll Random random) {
    byte[] whole = BINDING.toBytes(event);
    byte[] cut = java.util.Arrays.copyOf(whole, random.nextInt(whole.length));

    assertThatThrownBy(() -> LogEventSerde.fromBytes(cut))
        .isInstanceOf(SerializationException.class);
  }

  @Example
  void shouldRefuseNestingDeeperThanTheMapperAllows() {
    String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 10);
    assertThatThrownBy(() -> LogEventSerde.fromBytes(utf8("{\"extra\":" + deep + "}")))
        .isInstanceOf(SerializationException.class);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
