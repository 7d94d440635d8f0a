package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.ingest.decode.DecodeResult;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.LogInput;
import io.tocsin.pattern.NumberSpellings;
import io.tocsin.topics.Topics;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A CloudTrail event's numbers reach its rules as written: decoded from a Kinesis record, written
 * to and read back from {@code tocsin.cloudtrail.v1}, string and wildcard comparisons see the
 * number's text as written and numeric ones its value, exactly as for the same JSON in a log
 * message (whose semantics NumberTextProperties checks against an oracle on the raw text).
 */
class CloudTrailNumberTextProperties {

  private static final SourcePosition AT = SourcePosition.kinesis("trail", "shardId-000", "1");

  private final RecordDecoder decoder = RecordDecoder.withDefaults();

  @Property(tries = 2000)
  void shouldCompareCloudTrailNumbersAsALogMessageWithTheSameJson(
      @ForAll(supplier = NumberSpellings.Spellings.class) String number,
      @ForAll(supplier = NumberSpellings.Values.class) String value,
      @ForAll boolean quoted,
      @ForAll boolean inRecords) {
    String operand = quoted ? "\"" + value + "\"" : value;
    FilterPattern pattern = FilterPattern.compile("{ $.requestParameters.n = " + operand + " }");
    String parameters = "{\"n\":" + number + "}";

    boolean asLog =
        pattern.matches(LogInput.ofMessage("{\"requestParameters\":" + parameters + "}"));
    LogInput trail = RuleEvent.of(throughTopic(event(parameters, inRecords))).input();

    assertThat(pattern.matches(trail)).isEqualTo(asLog);
    assertThat(trail.message()).contains("\"n\":" + number + "}");
  }

  @Test
  void shouldMatchTheDocumentedExamplesOnACloudTrailEvent() {
    assertThat(matches("{ $.requestParameters.n = \"400\" }", "4e2")).isFalse();
    assertThat(matches("{ $.requestParameters.n = 400 }", "4e2")).isTrue();
    assertThat(matches("{ $.requestParameters.n = *00 }", "7.00")).isTrue();
    assertThat(matches("{ $.requestParameters.n = *0 }", "5e0")).isTrue();
    assertThat(matches("{ $.requestParameters.n = \"-0\" }", "-0")).isTrue();
  }

  private boolean matches(String pattern, String number) {
    CloudTrailEvent event = throughTopic(event("{\"n\":" + number + "}", false));
    return FilterPattern.compile(pattern).matches(RuleEvent.of(event).input());
  }

  /** The one CloudTrail event decoded from a Kinesis record carrying {@code requestParameters}. */
  private CloudTrailEvent event(String requestParameters, boolean inRecords) {
    String event =
        "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-12-06T23:00:00Z\","
            + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\","
            + "\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"123456789012\","
            + "\"requestParameters\":"
            + requestParameters
            + "}";
    String record = inRecords ? "{\"Records\":[" + event + "]}" : event;
    DecodeResult result = decoder.decode(record.getBytes(StandardCharsets.UTF_8), AT);
    assertThat(result.deadLetters()).isEmpty();
    assertThat(result.cloudTrail()).hasSize(1);
    return result.cloudTrail().get(0);
  }

  /** {@code event} as the detector reads it back from {@code tocsin.cloudtrail.v1}. */
  private static CloudTrailEvent throughTopic(CloudTrailEvent event) {
    var serde = Topics.CLOUDTRAIL.valueSerde();
    byte[] bytes = serde.serializer().serialize(Topics.CLOUDTRAIL.name(), event);
    return serde.deserializer().deserialize(Topics.CLOUDTRAIL.name(), bytes);
  }
}
