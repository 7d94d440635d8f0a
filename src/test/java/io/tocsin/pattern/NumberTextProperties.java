package io.tocsin.pattern;

import static io.tocsin.pattern.MatchSupport.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * String and wildcard comparisons against a JSON number use the number's text as written in the
 * event, numeric comparisons its value, on the plain scan and on Jackson's parse alike; checked
 * against an oracle that works on the raw text.
 */
class NumberTextProperties {

  @Property(tries = 3000)
  void shouldCompareTextAsWrittenAndNumbersByValue(
      @ForAll(supplier = NumberSpellings.Spellings.class) String number,
      @ForAll(supplier = NumberSpellings.Values.class) String value,
      @ForAll boolean quoted) {
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
  void shouldNotEqualTheTextOfAnotherSpellingOfTheSameValue(
      @ForAll(supplier = NumberSpellings.Spellings.class) String number) {
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
