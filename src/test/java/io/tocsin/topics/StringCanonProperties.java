package io.tocsin.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The canon returns the right characters whatever collides, and one instance per recent value. */
class StringCanonProperties {

  @Property(tries = 300)
  void shouldAlwaysReturnTheCharactersAsked(
      @ForAll @Size(max = 50) java.util.List<@StringLength(max = 12) String> values) {
    StringCanon canon = new StringCanon(2); // four slots: most values collide
    for (String value : values) {
      char[] padded = ("<" + value + ">").toCharArray();
      assertThat(canon.of(padded, 1, value.length())).isEqualTo(value);
    }
  }

  @Property(tries = 300)
  void shouldReadUtf8AsTheStringItEncodes(
      @ForAll @Size(max = 50) java.util.List<@StringLength(max = 12) String> values) {
    StringCanon canon = new StringCanon(2);
    for (String value : values) {
      assertThat(canon.ofUtf8(value.getBytes(StandardCharsets.UTF_8))).isEqualTo(value);
    }
  }

  @Example
  void shouldGiveAKeyAndTheSameTextInAValueOneInstance() {
    StringCanon canon = new StringCanon(10);
    String fromValue = canon.of("/aws/lambda/orders".toCharArray(), 0, 18);

    assertThat(canon.ofUtf8("/aws/lambda/orders".getBytes(StandardCharsets.UTF_8)))
        .isSameAs(fromValue);
    assertThat(canon.ofUtf8("/aws/lambda/caf\u00e9".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("/aws/lambda/caf\u00e9");
  }

  @Example
  void shouldReturnOneInstancePerRecentValue() {
    StringCanon canon = new StringCanon(10);
    String first = canon.of("/aws/lambda/orders".toCharArray(), 0, 18);
    String again = canon.of("x/aws/lambda/orders".toCharArray(), 1, 18);

    assertThat(again).isSameAs(first).isEqualTo("/aws/lambda/orders");
    assertThat(canon.of("/aws/lambda/payments".toCharArray(), 0, 20)).isNotSameAs(first);
  }

  @Example
  void shouldNotKeepLongValues() {
    StringCanon canon = new StringCanon(10);
    char[] longValue = "x".repeat(StringCanon.MAX_LENGTH + 1).toCharArray();

    String first = canon.of(longValue, 0, longValue.length);
    assertThat(canon.of(longValue, 0, longValue.length)).isEqualTo(first).isNotSameAs(first);
  }
}
