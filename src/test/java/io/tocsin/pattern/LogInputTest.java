package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** LogInput parses and splits each event at most once and shares the result. */
class LogInputTest {

  @Test
  void shouldParseJsonOnceAndShareTheTree() {
    LogInput input = LogInput.ofMessage("{\"a\":1}");
    JsonNode first = input.jsonObject(null);
    assertThat(first).isNotNull();
    assertThat(input.jsonObject(null)).isSameAs(first);
  }

  @Test
  void shouldRememberThatAMessageIsNotJson() {
    LogInput input = LogInput.ofMessage("{\"a\":1");
    assertThat(input.jsonObject(null)).isNull();
    assertThat(input.jsonObject(null)).isNull();
    assertThat(LogInput.ofMessage("[1,2]").jsonObject(null)).isNull();
    assertThat(LogInput.ofMessage("").jsonObject(null)).isNull();
  }

  @Test
  void shouldSplitFieldsOnceAndShareThem() {
    LogInput input = LogInput.ofMessage("a  [b c]\t\"d e\" f");
    EventFields fields = input.fields();
    assertThat(input.fields()).isSameAs(fields);
    assertThat(fields.count()).isEqualTo(4);
    assertThat(fields.value(1)).isEqualTo("b c");
    assertThat(fields.value(2)).isEqualTo("d e");
    assertThat(fields.restFrom(1)).isEqualTo("[b c]\t\"d e\" f");
    assertThat(fields.restFrom(3)).isEqualTo("f");
  }

  @Test
  void shouldUseGivenTreeWithoutParsingTheRawText() throws Exception {
    JsonNode node = new ObjectMapper().readTree("{\"eventName\":\"ConsoleLogin\"}");
    LogInput input = LogInput.ofJson(node, "raw text that is not JSON at all");
    assertThat(input.jsonObject(null)).isSameAs(node);
    assertThat(FilterPattern.compile("{ $.eventName = ConsoleLogin }").matches(input)).isTrue();
    assertThat(FilterPattern.compile("\"not JSON\"").matches(input)).isTrue();
  }

  @Test
  void shouldMakeTheTextOfAGivenTreeOnlyWhenATermPatternNeedsIt() throws Exception {
    JsonNode node = new ObjectMapper().readTree("{\"eventName\":\"ConsoleLogin\"}");
    AtomicInteger made = new AtomicInteger();
    LogInput input =
        LogInput.ofJson(
            node,
            () -> {
              made.incrementAndGet();
              return node.toString();
            });
    assertThat(FilterPattern.compile("{ $.eventName = ConsoleLogin }").matches(input)).isTrue();
    assertThat(made).hasValue(0);
    assertThat(FilterPattern.compile("ConsoleLogin").matches(input)).isTrue();
    assertThat(FilterPattern.compile("%Login%").matches(input)).isTrue();
    assertThat(made).hasValue(1);
    assertThat(input.message()).isEqualTo("{\"eventName\":\"ConsoleLogin\"}");
  }

  @Test
  void shouldNotFailOnNonFiniteNumbersInAGivenTree() {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("x", Double.NaN).put("y", 1.5);
    LogInput input = LogInput.ofJson(node, node.toString());
    assertThat(FilterPattern.compile("{ $.x = * || $.x > 1 || $.x = 1* }").matches(input))
        .isFalse();
    assertThat(FilterPattern.compile("{ $.y = * }").metricValue("$.x").valueOf(input)).isEmpty();
  }

  @Test
  void shouldMatchNoJsonPatternForNonObjectTree() throws Exception {
    JsonNode array = new ObjectMapper().readTree("[{\"a\":1}]");
    LogInput input = LogInput.ofJson(array, "[{\"a\":1}]");
    assertThat(FilterPattern.compile("{ $.a NOT EXISTS }").matches(input)).isFalse();
  }
}
