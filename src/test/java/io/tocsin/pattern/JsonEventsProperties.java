package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Parsing a JSON message into only the root members patterns read decides "is it one JSON object"
 * exactly as a whole parse does, and builds those members as the whole parse builds them; so a JSON
 * pattern answers the same on a message as on the same event parsed whole.
 */
class JsonEventsProperties {

  private static final Set<String> MEMBERS = Set.of("a", "b", "n", "list", "k.x", "absent");

  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> json = PatternArbitraries.jsonMessages();
    return Arbitraries.oneOf(
        json,
        PatternArbitraries.edited(json),
        json.map(m -> m + " trailing"),
        json.map(m -> m + " {}"),
        json.map(m -> "  " + m + "\n"),
        json.map(m -> m.replace("{", "{\"a\":1,")),
        json.map(m -> m.replace("{", "{\"n\":12345678901,\"b\":123456789012345678901234567890,")),
        json.map(m -> m.isEmpty() ? m : m.substring(0, m.length() / 2)));
  }

  @Provide
  Arbitrary<Set<String>> keys() {
    return Arbitraries.of(MEMBERS).set().ofMaxSize(3);
  }

  @Property(tries = 2000)
  void shouldBuildTheAskedMembersAsTheWholeParseDoes(
      @ForAll("messages") String message, @ForAll("keys") Set<String> keys) {
    JsonNode whole = JsonEvents.parseObject(message);
    JsonNode some = JsonEvents.parseObject(message, keys);

    assertThat(some == null).as("is one JSON object").isEqualTo(whole == null);
    if (whole != null) {
      for (String key : keys) {
        assertThat(some.get(key)).as(key).isEqualTo(whole.get(key));
      }
      for (Iterator<String> names = some.fieldNames(); names.hasNext(); ) {
        assertThat(keys).contains(names.next());
      }
    }
  }

  @Property(tries = 2000)
  void shouldMatchAsOnTheEventParsedWhole(
      @ForAll("jsonPatterns") String pattern, @ForAll("messages") String message) {
    FilterPattern compiled = FilterPattern.compile(pattern);
    JsonNode whole = JsonEvents.parseObject(message);
    LogInput parsedWhole =
        LogInput.ofJson(whole == null ? TextNode.valueOf("not an object") : whole, message);

    assertThat(compiled.matches(LogInput.ofMessage(message)))
        .isEqualTo(compiled.matches(parsedWhole));
  }

  @Provide
  Arbitrary<String> jsonPatterns() {
    return PatternArbitraries.jsonPatterns().filter(PatternArbitraries::compiles);
  }
}
