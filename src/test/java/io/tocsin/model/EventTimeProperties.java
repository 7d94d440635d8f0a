package io.tocsin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * CloudTrail's own time form, read directly, gives what the general parser gives, or fails alike.
 */
class EventTimeProperties {

  @Provide
  Arbitrary<String> cloudTrailShapedTimes() {
    Arbitrary<String> two =
        Arbitraries.integers().between(0, 99).map(n -> String.format("%02d", n));
    Arbitrary<String> year = Arbitraries.of("0000", "1970", "2000", "2023", "2024", "2100", "9999");
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMaxLength(11).map(digits -> "." + digits));
    return Combinators.combine(year, two, two, two, two, two, fraction)
        .as(
            (y, mo, d, h, mi, s, f) ->
                y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + "Z");
  }

  @Property(tries = 2000)
  void shouldReadCloudTrailFormExactlyAsTheGeneralParser(
      @ForAll("cloudTrailShapedTimes") String text) {
    assertThat(outcome(() -> EventTime.parse(text)))
        .isEqualTo(outcome(() -> EventTime.general(text)));
  }

  /** The instant, or the kind of failure. */
  private static Object outcome(Supplier<Instant> parse) {
    try {
      return parse.get();
    } catch (DateTimeException e) {
      return DateTimeException.class;
    }
  }
}
