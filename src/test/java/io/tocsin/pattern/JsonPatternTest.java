package io.tocsin.pattern;

import static io.tocsin.pattern.MatchSupport.matches;
import static io.tocsin.pattern.MatchSupport.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * JSON patterns (filter-patterns.md §5): selectors, comparisons, predicates, precedence, errors.
 */
class JsonPatternTest {
  private static final String DOC_EVENT =
      "{\"eventType\":\"UpdateTrail\",\"sourceIPAddress\":\"111.111.111.111\","
          + "\"arrayKey\":[\"value\",\"another value\"],"
          + "\"objectList\":[{\"name\":\"a\",\"id\":1},{\"name\":\"b\",\"id\":2}],"
          + "\"SomeObject\":null,\"ThisFlag\":true,\"cluster.name\":\"c\"}";

  @Test
  void shouldCompareStringsExactlyAndCaseSensitively() {
    assertThat(matches("{ $.eventType = \"UpdateTrail\" }", DOC_EVENT)).isTrue();
    assertThat(matches("{$.eventType=UpdateTrail}", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.eventType = Update }", DOC_EVENT)).isFalse();
    assertThat(matches("{ $.EventType = UpdateTrail }", DOC_EVENT)).isFalse();
  }

  @Test
  void shouldCompareTextAgainstANumberAsWrittenInTheEvent() {
    assertThat(matches("{ $.n = \"400\" }", "{\"n\":4e2}")).isFalse();
    assertThat(matches("{ $.n = \"4e2\" }", "{\"n\":4e2}")).isTrue();
    assertThat(matches("{ $.n = 400 }", "{\"n\":4e2}")).isTrue();
    assertThat(matches("{ $.n = *00 }", "{\"n\":7.00}")).isTrue();
    assertThat(matches("{ $.n = *0 }", "{\"n\":5e0}")).isTrue();
    assertThat(matches("{ $.n = \"-0\" }", "{\"n\":-0}")).isTrue();
    assertThat(matches("{ $.n = 0 }", "{\"n\":-0}")).isTrue();
    assertThat(matches("{ $.n[0] = 1E* }", "{\"n\":[1E+3]}")).isTrue();
  }

  @Test
  void shouldApplyWildcardsOnlyAtTheEnds() {
    assertThat(matches("{ $.eventType = Update* }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.eventType = \"*Trail\" }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.eventType = *dateTr* }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.eventType = Up*Trail }", DOC_EVENT)).isFalse();
    assertThat(matches("{ $.v = Up*Trail }", "{\"v\":\"Up*Trail\"}")).isTrue();
    assertThat(matches("{ $.sourceIPAddress != 123.123.* }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.sourceIPAddress != 111.111.* }", DOC_EVENT)).isFalse();
  }

  @Test
  void shouldTreatLoneStarAsPresence() {
    assertThat(matches("{ $.latency = * }", "{\"latency\":50}")).isTrue();
    assertThat(matches("{ $.latency = \"*\" }", "{\"latency\":\"x\"}")).isTrue();
    assertThat(matches("{ $.latency = * }", "{\"other\":50}")).isFalse();
    assertThat(matches("{ $.latency = * }", "{\"latency\":null}")).isFalse();
  }

  @Test
  void shouldCompareNumbersByValue() {
    assertThat(matches("{ $.errorCode = 400 }", "{\"errorCode\":400.0}")).isTrue();
    assertThat(matches("{ $.errorCode = 4e2 }", "{\"errorCode\":400}")).isTrue();
    assertThat(matches("{ $.latency >= 500 }", "{\"latency\":500}")).isTrue();
    assertThat(matches("{ $.bandwidth > 75 }", "{\"bandwidth\":75}")).isFalse();
    assertThat(matches("{ $.x < -1.5 }", "{\"x\":-2}")).isTrue();
    assertThat(matches("{ $.x <= +10e-3 }", "{\"x\":0.01}")).isTrue();
    assertThat(
            matches(
                "{ $.big = 123456789012345678901234567890 }",
                "{\"big\":123456789012345678901234567890}"))
        .isTrue();
  }

  @Test
  void shouldCompareNumericStringsNumericallyAndRejectOtherTypeMismatches() {
    assertThat(
            matches(
                "{ $.recipientAccountId = 123456789012 }",
                "{\"recipientAccountId\":\"123456789012\"}"))
        .isTrue();
    assertThat(matches("{ $.latency > 100 }", "{\"latency\":\"150\"}")).isTrue();
    assertThat(matches("{ $.latency > 100 }", "{\"latency\":\"fast\"}")).isFalse();
    assertThat(matches("{ $.latency != 100 }", "{\"latency\":\"fast\"}")).isFalse();
    assertThat(matches("{ $.code = \"1e3\" }", "{\"code\":\"1e3\"}")).isTrue();
    assertThat(matches("{ $.code = \"1e3\" }", "{\"code\":\"1000\"}")).isFalse();
  }

  @Test
  void shouldNeverSatisfyComparisonsOnMissingNullBooleanOrContainers() {
    assertThat(matches("{ $.invokedBy != \"cloudfront.amazonaws.com\" }", "{}")).isFalse();
    assertThat(matches("{ $.users = 1 }", "{\"users\":[1,2,3]}")).isFalse();
    assertThat(matches("{ $.users != 1 }", "{\"users\":[1,2,3]}")).isFalse();
    assertThat(matches("{ $.x != 1 }", "{\"x\":null}")).isFalse();
    assertThat(matches("{ $.flag = true }", "{\"flag\":true}")).isFalse();
    assertThat(matches("{ $.flag != false }", "{\"flag\":true}")).isFalse();
  }

  @Test
  void shouldEvaluateSpecialPredicates() {
    assertThat(matches("{ $.SomeObject IS NULL }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.Missing IS NULL }", DOC_EVENT)).isFalse();
    assertThat(matches("{ $.Missing NOT EXISTS }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.SomeObject NOT EXISTS }", DOC_EVENT)).isFalse();
    assertThat(matches("{ $.ThisFlag IS TRUE }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.ThisFlag IS FALSE }", DOC_EVENT)).isFalse();
    assertThat(matches("{ $.flag IS TRUE }", "{\"flag\":\"true\"}")).isFalse();
    assertThat(matches("{ $.SomeObject is null }", DOC_EVENT)).isTrue();
  }

  @Test
  void shouldResolveIndexesBracketKeysAndWildcards() {
    assertThat(matches("{ $.objectList[1].id = 2 }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.objectList[0].id = 2 }", DOC_EVENT)).isFalse();
    assertThat(matches("{ $.arrayKey[5] = \"value\" }", DOC_EVENT)).isFalse();
    assertThat(matches("{ $.eventType[0] = UpdateTrail }", DOC_EVENT)).isFalse();
    assertThat(matches("{ $.['cluster.name'] = c }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $['@timestamp'] = *2024* }", "{\"@timestamp\":\"2024-05-01\"}")).isTrue();
    assertThat(matches("{ $.objectList[*].name = b }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }", DOC_EVENT)).isTrue();
    assertThat(matches("{ $.arrayKey[*] != value }", DOC_EVENT)).isTrue();
  }

  @Test
  void shouldBindAndTighterThanOrAndHonourParentheses() {
    String event = "{\"a\":1,\"b\":2,\"c\":3}";
    assertThat(matches("{ $.a = 1 || $.b = 9 && $.c = 9 }", event)).isTrue();
    assertThat(matches("{ ($.a = 1 || $.b = 9) && $.c = 9 }", event)).isFalse();
    assertThat(matches("{ (($.a = 1) && (($.b = 9) || ($.c = 3))) }", event)).isTrue();
  }

  @Test
  void shouldNotMatchEventsThatAreNotOneJsonObject() {
    assertThat(matches("{ $.a NOT EXISTS }", "plain text")).isFalse();
    assertThat(matches("{ $.a NOT EXISTS }", "2024-05-01 INFO {\"b\":1}")).isFalse();
    assertThat(matches("{ $.a NOT EXISTS }", "{\"b\":1} trailing")).isFalse();
    assertThat(matches("{ $.a NOT EXISTS }", "[{\"b\":1}]")).isFalse();
    assertThat(matches("{ $.a = 2 }", "{\"a\":1,\"a\":2}")).isTrue();
  }

  @Test
  void shouldReadValuesAfterJsonUnescaping() {
    assertThat(matches("{ $.city = \"Zürich\" }", "{\"city\":\"Z\\u00fcrich\"}")).isTrue();
    assertThat(matches("{ $.msg = \"say \\\"hi\\\"\" }", "{\"msg\":\"say \\\"hi\\\"\"}")).isTrue();
  }

  @Test
  void shouldRejectUnsupportedJsonSyntax() {
    assertThat(syntaxError("{ $.a = 1").reason())
        .isEqualTo("If a filter pattern starts with '{' it must end with '}'");
    assertThat(syntaxError("{ $.a IS NOT NULL }").reason()).isEqualTo("IS NOT is not supported");
    assertThat(syntaxError("{ $.a EXISTS }").position()).isEqualTo(6);
    assertThat(syntaxError("{ $.a > abc }").position()).isEqualTo(8);
    assertThat(syntaxError("{ $.a = 1 AND $.b = 2 }").position()).isEqualTo(10);
    assertThat(syntaxError("{ ($.a = 1 }").reason()).contains("')'");
    assertThat(syntaxError("{ a = 1 }").position()).isEqualTo(2);
    assertThat(syntaxError("{ $.a = }").position()).isEqualTo(8);
    assertThat(syntaxError("{}").position()).isEqualTo(1);
  }

  @Test
  void shouldEnforceRegexAndWildcardQuotas() {
    assertThat(syntaxError("{ $.a = %x% && $.b = %y% && $.c = %z% }").position()).isEqualTo(34);
    assertThat(syntaxError("{ $.a[*].b[*] = 1 }").reason())
        .isEqualTo("A property selector may contain at most one wildcard");
    String fourWildcards = "{ $.a[*] = 1 && $.b[*] = 1 && $.c.* = 1 && $.d[*] = 1 }";
    assertThat(syntaxError(fourWildcards).position()).isEqualTo(fourWildcards.indexOf("$.d"));
  }
}
