package io.tocsin.pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;

/**
 * Generated JSON number spellings and the comparison values made from them, shared by the property
 * tests of number text on log messages and on CloudTrail events.
 */
public final class NumberSpellings {

  private NumberSpellings() {}

  /** {@link #spellings()} for {@code @ForAll(supplier = ...)}. */
  public static final class Spellings implements ArbitrarySupplier<String> {
    @Override
    public Arbitrary<String> get() {
      return spellings();
    }
  }

  /** {@link #values()} for {@code @ForAll(supplier = ...)}. */
  public static final class Values implements ArbitrarySupplier<String> {
    @Override
    public Arbitrary<String> get() {
      return values();
    }
  }

  /** A JSON number spelling: sign, integer part, fraction (trailing zeros likely), exponent. */
  public static Arbitrary<String> spellings() {
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

  /** A comparison value made from a spelling: itself, a prefix, suffix or infix wildcard. */
  public static Arbitrary<String> values() {
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
}
