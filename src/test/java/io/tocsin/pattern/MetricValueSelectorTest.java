package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Metric values and dimension references (filter-patterns.md §7). */
class MetricValueSelectorTest {
  private static final LogInput APACHE =
      LogInput.ofMessage(
          "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534");
  private static final FilterPattern APACHE_PATTERN =
      FilterPattern.compile("[ip, identity, user_id, timestamp, request, status_code, size]");

  @Test
  void shouldExtractJsonSelectorValue() {
    FilterPattern pattern = FilterPattern.compile("{ $.latency = * }");
    MetricValueSelector latency = pattern.metricValue("$.latency");
    assertThat(latency.valueOf(LogInput.ofMessage("{\"latency\": 50, \"requestType\": \"GET\"}")))
        .isEqualTo(OptionalDouble.of(50));
    assertThat(latency.valueOf(LogInput.ofMessage("{\"latency\": \"12.5\"}")))
        .isEqualTo(OptionalDouble.of(12.5));
    assertThat(latency.valueOf(LogInput.ofMessage("{\"latency\": \"fast\"}"))).isEmpty();
    assertThat(latency.valueOf(LogInput.ofMessage("{\"other\": 1}"))).isEmpty();
    assertThat(
            pattern
                .metricValue("$.nested.value")
                .valueOf(LogInput.ofMessage("{\"latency\": 1, \"nested\": {\"value\": [1]}}")))
        .isEmpty();
  }

  @Test
  void shouldExtractNamedAndPositionalDelimitedFields() {
    assertThat(APACHE_PATTERN.metricValue("$size").valueOf(APACHE))
        .isEqualTo(OptionalDouble.of(1534));
    assertThat(APACHE_PATTERN.metricValue("$6").valueOf(APACHE)).isEqualTo(OptionalDouble.of(200));
    assertThat(APACHE_PATTERN.metricValue("$request").textOf(APACHE))
        .contains("GET /apache_pb.gif HTTP/1.0");
    assertThat(APACHE_PATTERN.metricValue("$identity").valueOf(APACHE)).isEmpty();
    assertThat(APACHE_PATTERN.metricValue("$8").valueOf(APACHE)).isEmpty();
    FilterPattern ellipsis = FilterPattern.compile("[..., size]");
    assertThat(ellipsis.metricValue("$6").valueOf(APACHE)).isEqualTo(OptionalDouble.of(200));
    assertThat(ellipsis.metricValue("$size").valueOf(APACHE)).isEqualTo(OptionalDouble.of(1534));
  }

  @Test
  void shouldEmitConstantOnlyForMatchingEvents() {
    MetricValueSelector one = FilterPattern.compile("ERROR").metricValue("1");
    assertThat(one.valueOf(LogInput.ofMessage("[ERROR 400] BAD REQUEST")))
        .isEqualTo(OptionalDouble.of(1));
    assertThat(one.valueOf(LogInput.ofMessage("INFO ok"))).isEmpty();
    MetricValueSelector bytes = FilterPattern.compile("[..., bytes > 2000]").metricValue("$bytes");
    assertThat(bytes.valueOf(APACHE)).isEmpty();
  }

  @Test
  void shouldRejectReferencesThePatternCannotProvide() {
    assertThatThrownBy(() -> FilterPattern.compile("ERROR").metricValue("$.latency"))
        .isInstanceOf(PatternSyntaxException.class)
        .hasMessage(
            "Invalid metric value at position 0: A JSON selector such as $.latency needs a JSON"
                + " filter pattern");
    assertThatThrownBy(() -> FilterPattern.compile("{ $.a = 1 }").metricValue("$size"))
        .isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> APACHE_PATTERN.metricValue("$bytes"))
        .isInstanceOf(PatternSyntaxException.class)
        .hasMessageContaining("no field $bytes");
    assertThatThrownBy(() -> APACHE_PATTERN.metricValue("$0"))
        .isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> FilterPattern.compile("{ $.a = 1 }").metricValue("$.list[*]"))
        .isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> FilterPattern.compile("{ $.a = 1 }").metricValue("latency"))
        .isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> FilterPattern.compile("{ $.a = 1 }").metricValue("1".repeat(101)))
        .isInstanceOf(PatternSyntaxException.class);
  }
}
