package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The literal scanner reports exactly the literals that {@link String#contains} finds, over a small
 * alphabet (so literals overlap, nest and recur) with non-ASCII characters, whether or not its
 * skip-ahead applies (it does not when a literal is one character long or begins non-ASCII).
 */
class LiteralScannerProperties {

  private static final char[] ALPHABET = {'a', 'b', 'E', 'R', ' ', 'é', '✓'};

  @Provide
  Arbitrary<List<String>> literals() {
    return Arbitraries.strings()
        .withChars(ALPHABET)
        .ofMinLength(1)
        .ofMaxLength(5)
        .list()
        .ofMinSize(1)
        .ofMaxSize(12);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars(ALPHABET).ofMaxLength(60);
  }

  @Property(tries = 3000)
  void reportsEveryLiteralTheTextContainsAndNoOther(
      @ForAll("literals") List<String> literals, @ForAll("texts") String text) {
    BitSet found = new BitSet();
    new LiteralScanner(literals).scan(text, found);
    BitSet expected = new BitSet();
    for (int i = 0; i < literals.size(); i++) {
      if (text.contains(literals.get(i))) {
        expected.set(i);
      }
    }
    assertThat(found).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void skipsAheadCorrectlyWhenEveryLiteralIsAsciiAndLongerThanOneCharacter(
      @ForAll("texts") String text) {
    List<String> literals = List.of("ERR", "RR", "ab", "ba", "bab", "E ", " a");
    BitSet found = new BitSet();
    new LiteralScanner(literals).scan(text, found);
    for (int i = 0; i < literals.size(); i++) {
      assertThat(found.get(i)).as(literals.get(i)).isEqualTo(text.contains(literals.get(i)));
    }
  }
}
