package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The binary group format keeps every field, reads the JSON of earlier versions, and is smaller.
 */
class GroupStateSerdeTest {

  static final RuleSet RULES = RuleLoader.load(List.of());
  static final long T0 = 1_795_000_000_000L;

  private final GroupStateSerde serde = new GroupStateSerde();

  /** A group of {@code ruleId} after {@code events} observations, samples and values included. */
  private static GroupState grown(String ruleId, int events) {
    CompiledRule rule = RULES.get(ruleId);
    AlarmMode mode = AlarmMode.of(rule);
    Map<String, String> group = new LinkedHashMap<>();
    group.put("log_group", "/aws/apigateway/shop");
    Alert.Resource resource =
        new Alert.Resource("123456789012", null, "/aws/apigateway/shop", null, null, null, null);
    GroupState state = null;
    for (int i = 0; i < events; i++) {
      boolean numerator = i % 4 == 0;
      Observation o =
          new Observation(
              "fp",
              ruleId,
              group,
              T0 + i * 7_000L,
              numerator,
              true,
              rule.value() == null ? null : (i * 37 % 1500) + 0.25,
              numerator
                  ? "{\"status\": 502, \"path\": \"/orders/" + i + "\", \"note\": \"é ✓\"}"
                  : null,
              resource);
      state = state == null ? GroupState.open(o, rule, mode) : state;
      state = state.observed(mode.bucket(o.eventTime()), o);
    }
    return state.settled(
        state.series(), GroupState.AlarmState.ALARM, T0, null, T0 - 5, 12L, T0 + 60_000);
  }

  private static String asJson(GroupState group) {
    return Json.MAPPER.valueToTree(group).toString();
  }

  @Test
  void shouldKeepEveryFieldOfARateAndAThresholdGroup() {
    for (String rule :
        List.of("apigw-5xx-rate", "apigw-p99-latency", "lambda-failure-rate-periodic")) {
      GroupState group = grown(rule, 40);
      byte[] bytes = serde.serializer().serialize("t", group);

      GroupState back = serde.deserializer().deserialize("t", bytes);

      assertThat(asJson(back)).as(rule).isEqualTo(asJson(group));
      assertThat(back.samples()).hasSize(GroupState.SAMPLES);
    }
  }

  @Test
  void shouldWriteAPercentileGroupAlikeWhetherItsSketchesWereWrittenBefore() {
    GroupState group = grown("apigw-p99-latency", 40);
    byte[] fresh = serde.serializer().serialize("t", group);
    GroupState copy = serde.deserializer().deserialize("t", fresh);

    assertThat(serde.serializer().serialize("t", group)).as("written again").isEqualTo(fresh);
    assertThat(serde.serializer().serialize("t", copy)).as("equal sketches").isEqualTo(fresh);
    assertThat(Arrays.stream(copy.series().sketches()).filter(s -> s != null))
        .hasSizeGreaterThan(20);
  }

  @Test
  void shouldKeepNullsAsNulls() {
    GroupState group =
        new GroupState("r", null, null, null, null, null, null, 0, null, 0, 0, null, 0, 0, 0);

    GroupState back =
        serde.deserializer().deserialize("t", serde.serializer().serialize("t", group));

    assertThat(back).isEqualTo(group);
  }

  @Test
  void shouldReadAGroupWrittenAsJsonByAnEarlierVersion() {
    GroupState group = grown("apigw-p99-latency", 25);
    byte[] legacy = JsonSerde.of(GroupState.class).serializer().serialize("t", group);

    assertThat(asJson(serde.deserializer().deserialize("t", legacy))).isEqualTo(asJson(group));
  }

  @Test
  void shouldReadAGroupOfVersionOneWithItsClockLevelWithItsNewestEvent() {
    GroupState group = grown("lambda-failure-rate-periodic", 30);
    byte[] current = serde.serializer().serialize("t", group.timed(0, 0));
    byte[] versionOne = Arrays.copyOf(current, current.length - 2); // no clock, no lag
    versionOne[0] = 1;

    GroupState back = serde.deserializer().deserialize("t", versionOne);

    assertThat(back.clock()).isEqualTo(group.lastEventAt());
    assertThat(back.lag()).isZero();
    assertThat(asJson(back.timed(group.clock(), group.lag()))).isEqualTo(asJson(group));
  }

  @Test
  void shouldBeSmallerThanJson() {
    GroupState group = grown("apigw-5xx-rate", 40);
    byte[] json = JsonSerde.of(GroupState.class).serializer().serialize("t", group);

    assertThat(serde.serializer().serialize("t", group).length).isLessThan(json.length);
  }

  @Test
  void shouldRefuseATruncatedValue() {
    byte[] bytes = serde.serializer().serialize("t", grown("apigw-5xx-rate", 10));

    assertThatThrownBy(
            () -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
        .hasMessageContaining("truncated");
  }
}
