package io.tocsin.pattern;

import static io.tocsin.pattern.MatchSupport.matches;
import static io.tocsin.pattern.MatchSupport.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Space-delimited patterns (filter-patterns.md §6): splitting, alignment, conditions, errors. */
class DelimitedPatternTest {
  private static final String APACHE =
      "127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534";
  private static final String SEVEN =
      "[ip, user, username, timestamp, request, status_code, bytes]";

  @Test
  void shouldBindBracketedAndQuotedFieldsWithoutDelimiters() {
    assertThat(matches("[ip, user, username, timestamp = *2000*, request, status, bytes]", APACHE))
        .isTrue();
    assertThat(
            matches(
                "[ip, user, username, timestamp, request = \"GET /index.html HTTP/1.0\", s, b]",
                APACHE))
        .isTrue();
    assertThat(matches("[ip, user, username, timestamp = 10/Oct*, request, s, b]", APACHE))
        .isTrue();
  }

  @Test
  void shouldNeedEnoughFieldsAndLetTheLastElementTakeTheRest() {
    assertThat(matches(SEVEN, APACHE)).isTrue();
    assertThat(matches(SEVEN, "127.0.0.1 - frank [x] \"GET /\" 200")).isFalse();
    assertThat(matches("[w1=ERROR, w2]", "ERROR 09/25/2014 Failed to process")).isTrue();
    assertThat(matches("[w1=ERROR]", "ERROR 09/25/2014 Failed to process")).isFalse();
    assertThat(matches("[w1=ERROR]", "ERROR")).isTrue();
    assertThat(matches("[w1, rest = \"b [c] d\"]", "a b [c] d")).isTrue();
    assertThat(matches("[ERROR]", "02 May 2014 [INFO] Starting")).isTrue();
  }

  @Test
  void shouldAlignFieldsAfterEllipsisFromTheEnd() {
    assertThat(matches("[ip, ..., bytes = 1534]", APACHE)).isTrue();
    assertThat(matches("[..., status_code = 404, bytes]", APACHE)).isTrue();
    assertThat(matches("[..., request = *.html*, status_code = 4*,]", APACHE)).isTrue();
    assertThat(matches("[ip, user, ...]", APACHE)).isTrue();
    assertThat(matches("[a, ..., b, c]", "x y")).isFalse();
    assertThat(matches("[]", "")).isTrue();
    assertThat(matches("[...]", "anything")).isTrue();
  }

  @Test
  void shouldCompareNumericallyAndRejectNonNumericFields() {
    assertThat(matches("[..., bytes > 1000]", APACHE)).isTrue();
    assertThat(matches("[..., bytes < 1000]", APACHE)).isFalse();
    assertThat(matches("[..., bytes > 1000]", "GET / 200 -")).isFalse();
    assertThat(matches("[..., bytes != 1000]", "GET / 200 -")).isFalse();
    assertThat(matches("[..., status = 4*, bytes]", "GET / 4xx 12")).isTrue();
    assertThat(matches("[code = 404, rest]", "+0404 x")).isTrue();
    assertThat(matches("[code = 404, rest]", "404.0 x")).isTrue();
    assertThat(matches("[code > -5, rest]", "-4 x")).isTrue();
    assertThat(matches("[code < 1, rest]", "-9223372036854775808 x")).isTrue();
    assertThat(matches("[code > 1.5, rest]", "2 x")).isTrue();
  }

  @Test
  void shouldCombineConditionsOnTheSameField() {
    String pattern = "[ip, user, username, timestamp, request, status = 404 || status = 410, b]";
    assertThat(matches(pattern, APACHE)).isTrue();
    assertThat(matches("[w1!=ERROR && w1!=WARNING, w2]", "INFO all good")).isTrue();
    assertThat(matches("[w1!=ERROR && w1!=WARNING, w2]", "WARNING all good")).isFalse();
    assertThat(matches("[w1=error, w2]", "ERROR x")).isFalse();
    assertThat(matches("[(w1 = a || w1 = b) && w1 != c, w2]", "b x")).isTrue();
  }

  @Test
  void shouldSearchFieldsWithRegex() {
    assertThat(matches("[ip=%127\\.0\\.0\\.[1-9]%, rest]", "127.0.0.10 x")).isTrue();
    assertThat(matches("[ip=%^127\\.0\\.0\\.[1-9]$%, rest]", "127.0.0.10 x")).isFalse();
  }

  @Test
  void shouldTreatUnterminatedBracketOrQuoteAsText() {
    assertThat(matches("[a = \"[abc\", b = def, c]", "[abc def ghi")).isTrue();
    assertThat(matches("[a = \"\\\"x\", b]", "\"x y")).isTrue();
  }

  @Test
  void shouldNeverMatchJsonEvents() {
    assertThat(matches("[a, b]", "{\"a\": 1, \"b\": 2}")).isFalse();
    assertThat(matches("[a, b]", "{not json} b")).isTrue();
  }

  @Test
  void shouldRejectInvalidDelimitedPatterns() {
    PatternSyntaxException crossField = syntaxError("[..., status_code = 4* && bytes > 1000]");
    assertThat(crossField.position()).isEqualTo(26);
    assertThat(syntaxError("[a, ..., b, ...]").position()).isEqualTo(12);
    assertThat(syntaxError("[a, a]").reason()).isEqualTo("Field name 'a' is used twice");
    assertThat(syntaxError("[a b]").position()).isEqualTo(3);
    assertThat(syntaxError("[1st]").position()).isEqualTo(1);
    assertThat(syntaxError("[a, b").reason())
        .isEqualTo("If a filter pattern starts with '[' it must end with ']'");
    assertThat(syntaxError("[a = $.x IS NULL]").position()).isEqualTo(9);
  }
}
