package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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
        json.map(m -> m.isEmpty() ? m : m.substring(0, m.length() / 2)),
        numberEdits(json),
        numberEdits(numberEdits(json)),
        Arbitraries.of(EDGE_CASES));
  }

  /** Characters that make or break JSON numbers, strings, words and structure. */
  private static final String NUMBER_AND_STRING_SYNTAX =
      "0123-+.eE\\\"u,]}[{: \t\u000b\u0001\u0663xtnfa";

  /** Messages near the edges of what the plain scan accepts, each decided by the whole parse. */
  private static final String[] EDGE_CASES = {
    "{\"a\":01}",
    "{\"a\":-0}",
    "{\"a\":-0.0}",
    "{\"a\":1.}",
    "{\"a\":.5}",
    "{\"a\":1e}",
    "{\"a\":1e+}",
    "{\"a\":+1}",
    "{\"a\":2147483647}",
    "{\"a\":2147483648}",
    "{\"a\":-2147483648}",
    "{\"a\":-2147483649}",
    "{\"a\":9223372036854775807}",
    "{\"a\":9223372036854775808}",
    "{\"a\":123456789012345678}",
    "{\"a\":-12345678901234567}",
    "{\"a\":1E2}",
    "{\"a\":1e-2}",
    "{\"\\u0061\":1}",
    "{\"a\":\"\\u00e9\\n\"}",
    "{\"a\":\"\\u00g9\"}",
    "{\"a\":\"\\u0663\"}",
    "{\"a\":\"\\x\"}",
    "{\"a\":\"\u0001\"}",
    "{\"a\":1,\"a\":2}",
    "{\"a\":{\"b\":1},\"a\":[2]}",
    "{\"a\":[1,]}",
    "{\"a\":1,}",
    "{\"a\" : 1 , \"b\" :\t\"x\"\r\n}",
    "{\"a\":1}\u000b",
    "\u000b{\"a\":1}",
    "{\"a\":truex}",
    "{\"a\":nul}",
    "{\"a\":true,\"b\":false,\"n\":null}",
    "{\"a\":\"é✓\"}",
    "{\"a\":\"\\/\"}",
    "{\"b\":" + "[".repeat(40) + "1" + "]".repeat(40) + ",\"a\":1}",
    "{\"a\":" + "{\"a\":".repeat(31) + "1" + "}".repeat(31) + "}",
    "{\"a\":1" + "0".repeat(70) + "}",
    "{}",
    "{ }",
    "{\"a\":{}}",
    "{\"a\":[]}",
    "{\"a\":\"\"}"
  };

  /** {@code seeds} with an insertion, deletion or replacement from the number and string syntax. */
  private static Arbitrary<String> numberEdits(Arbitrary<String> seeds) {
    return Combinators.combine(
            seeds,
            Arbitraries.integers().between(0, 2000),
            Arbitraries.integers().between(0, 2),
            Arbitraries.chars().with(NUMBER_AND_STRING_SYNTAX.toCharArray()))
        .as(
            (seed, where, how, c) -> {
              int at = seed.isEmpty() ? 0 : where % (seed.length() + 1);
              String tail = seed.substring(at);
              String rest = how == 0 || tail.isEmpty() ? tail : tail.substring(1);
              return seed.substring(0, at) + (how == 1 ? "" : String.valueOf(c)) + rest;
            });
  }

  @Provide
  Arbitrary<Set<String>> keys() {
    return Arbitraries.of(MEMBERS).set().ofMaxSize(3);
  }

  @Property(tries = 5000)
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
