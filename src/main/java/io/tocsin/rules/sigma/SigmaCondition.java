package io.tocsin.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sigma {@code condition} over the rule's named searches: {@code and}, {@code or}, {@code not},
 * parentheses, {@code 1 of X*} / {@code all of X*} / {@code 1 of them} / {@code all of them} (them:
 * every search whose name does not start with an underscore), with {@code not} binding tighter than
 * {@code and}, and {@code and} tighter than {@code or}.
 */
final class SigmaCondition {

  private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|[^\\s()]+)");

  private final Map<String, Predicate<JsonNode>> searches;
  private final List<String> tokens = new ArrayList<>();
  private int next;

  private SigmaCondition(String text, Map<String, Predicate<JsonNode>> searches) {
    this.searches = searches;
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group(1));
    }
  }

  /** Parses {@code text} (no aggregation part) over {@code searches}. */
  static Predicate<JsonNode> parse(String text, Map<String, Predicate<JsonNode>> searches) {
    SigmaCondition parser = new SigmaCondition(text, searches);
    Predicate<JsonNode> condition = parser.or();
    if (parser.next < parser.tokens.size()) {
      throw parser.unexpected();
    }
    return condition;
  }

  private Predicate<JsonNode> or() {
    Predicate<JsonNode> left = and();
    while (accept("or")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<JsonNode> and() {
    Predicate<JsonNode> left = not();
    while (accept("and")) {
      left = left.and(not());
    }
    return left;
  }

  private Predicate<JsonNode> not() {
    return accept("not") ? not().negate() : primary();
  }

  private Predicate<JsonNode> primary() {
    if (next >= tokens.size()) {
      throw new SigmaUnsupportedException("condition ends too early");
    }
    String token = tokens.get(next++);
    if (token.equals("(")) {
      Predicate<JsonNode> inner = or();
      if (!accept(")")) {
        throw new SigmaUnsupportedException("condition: missing ')'");
      }
      return inner;
    }
    if (token.equals("1") || token.equals("all") || token.equals("any")) {
      if (!accept("of") || next >= tokens.size()) {
        throw new SigmaUnsupportedException(
            "condition: '" + token + "' must be followed by 'of NAME'");
      }
      return quantified(!token.equals("all"), tokens.get(next++));
    }
    Predicate<JsonNode> search = searches.get(token);
    if (search == null) {
      throw new SigmaUnsupportedException("condition names an undefined search '" + token + "'");
    }
    return search;
  }

  private Predicate<JsonNode> quantified(boolean any, String names) {
    List<Predicate<JsonNode>> chosen = new ArrayList<>();
    Glob glob = Glob.of(names, true);
    for (Map.Entry<String, Predicate<JsonNode>> search : searches.entrySet()) {
      boolean them = names.equals("them") && !search.getKey().startsWith("_");
      if (them || glob.matches(search.getKey())) {
        chosen.add(search.getValue());
      }
    }
    if (chosen.isEmpty()) {
      throw new SigmaUnsupportedException("condition: no search matches '" + names + "'");
    }
    return any
        ? event -> chosen.stream().anyMatch(p -> p.test(event))
        : event -> chosen.stream().allMatch(p -> p.test(event));
  }

  private boolean accept(String word) {
    if (next < tokens.size() && tokens.get(next).equalsIgnoreCase(word)) {
      next++;
      return true;
    }
    return false;
  }

  private SigmaUnsupportedException unexpected() {
    return new SigmaUnsupportedException("condition: unexpected '" + tokens.get(next) + "'");
  }
}
