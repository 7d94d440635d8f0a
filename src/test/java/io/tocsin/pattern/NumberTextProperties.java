package io.tocsin.pattern;

import static io.tocsin.pattern.MatchSupport.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * String and wildcard comparisons against a JSON number use the number's text as written in the
 * event, numeric comparisons its value, on the plain scan and on Jackson's parse alike; checked
 * against an oracle that works on the raw text.
 */
class NumberTextProperties {

  /** A JSON number spelling: sign, integer part, fraction (trailing zeros likely), exponent. */
  @Provide
  Arbitrary<String> spellings() {
    Arbitrary<String> sign = Arbitraries.of("", "", "-");
    Arbitrary<String> integer =
        Arbitraries.oneOf(
            Arbitraries.just("0"),
            Arbitraries.integers().between(1, 9).map(String::valueOf),
            Arbitraries.longs().between(10, 99_999_999L).map(String::valueOf),
            Arbitraries.of("100", "400", "700", "5000"));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4).map(d -> "." + d),
            Arbitraries.of(".0", ".00", ".50", ".000"));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E"),
                    Arbitraries.of("", "+", "-"),
                    Arbitraries.integers().between(0, 12))
                .as((e, s, d) -> e + s + d));
    return Combinators.combine(sign, integer, fraction, exponent).as((s, i, f, e) -> s + i + f + e);
  }

  /** A comparison value made from {@code spelling}: itself, a prefix, suffix or infix wildcard. */
  @Provide
  Arbitrary<String> values() {
    return Combinators.combine(
            spellings(), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 8))
        .as(
            (spelling, shape, cut) -> {
              int at = Math.min(cut, spelling.length());
              return switch (shape) {
                case 0 -> spelling;
                case 1 -> spelling.substring(0, at) + "*";
                case 2 -> "*" + spelling.substring(at);
                default -> "*" + spelling.substring(at / 2, Math.max(at, at / 2)) + "*";
              };
            });
  }

  @Property(tries = 3000)
  void shouldCompareTextAsWrittenAndNumbersByValue(
      @ForAll("spellings") String number, @ForAll("values") String value, @ForAll boolean quoted) {
    String operand = quoted ? "\"" + value + "\"" : value;
    String pattern = "{ $.n = " + operand + " }";
    boolean expected =
        quoted || !Numbers.isNumber(value)
            ? textOracle(value, number)
            : new BigDecimal(value).compareTo(new BigDecimal(number)) == 0;

    assertThat(matches(pattern, "{\"n\":" + number + "}")).as("plain scan").isEqualTo(expected);
    assertThat(matches(pattern, "{\"\\u006e\":" + number + "}")).as("Jackson").isEqualTo(expected);
    assertThat(matches("{ $.n[0] = " + operand + " }", "{\"n\":[" + number + "]}"))
        .as("array")
        .isEqualTo(expected);
  }

  @Property(tries = 500)
  void shouldNotEqualTheTextOfAnotherSpellingOfTheSameValue(@ForAll("spellings") String number) {
    String other = new BigDecimal(number).toPlainString();
    assertThat(matches("{ $.n = \"" + other + "\" }", "{\"n\":" + number + "}"))
        .isEqualTo(other.equals(number));
    assertThat(matches("{ $.n = " + other + " }", "{\"n\":" + number + "}")).isTrue();
  }

  /** What the documented semantics say, on the raw text: {@code *} only at either end. */
  private static boolean textOracle(String value, String written) {
    if (value.equals("*")) {
      return true;
    }
    boolean leading = value.startsWith("*");
    boolean trailing = value.length() > 1 && value.endsWith("*");
    String core = value.substring(leading ? 1 : 0, value.length() - (trailing ? 1 : 0));
    if (leading && trailing) {
      return written.contains(core);
    }
    return leading
        ? written.endsWith(core)
        : trailing ? written.startsWith(core) : written.equals(core);
  }
}
