package io.tocsin.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One condition on an alert label, as in Alertmanager: {@code name=value}, {@code name!=value},
 * {@code name=~regex} or {@code name!~regex} (regexes are anchored). Used by routes and silences.
 *
 * @param name a label name from {@link AlertLabels} (or {@code tag})
 * @param op one of {@code =}, {@code !=}, {@code =~}, {@code !~}
 * @param value the value or regex
 */
public record LabelMatcher(String name, String op, String value) {

  /** Validates the operator and compiles a regex value. */
  public LabelMatcher {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("matcher needs a label name");
    }
    if (!List.of("=", "!=", "=~", "!~").contains(op)) {
      throw new IllegalArgumentException(
          "matcher operator must be =, !=, =~ or !~, got '" + op + "'");
    }
    if (value == null) {
      throw new IllegalArgumentException("matcher " + name + " needs a value");
    }
    if (op.endsWith("~")) {
      try {
        Regexes.compiled(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "matcher "
                + name
                + op
                + value
                + ": invalid regex (RE2 syntax; no back-references or look-around): "
                + e.getDescription());
      }
    }
  }

  /** Parses {@code name=value}, {@code name!=value}, {@code name=~re} or {@code name!~re}. */
  public static LabelMatcher parse(String text) {
    for (String op : List.of("!~", "=~", "!=", "=")) {
      int at = text.indexOf(op);
      if (at > 0) {
        return new LabelMatcher(text.substring(0, at).trim(), op, text.substring(at + op.length()));
      }
    }
    throw new IllegalArgumentException(
        "expected name=value, name!=value, name=~regex or name!~regex, got '" + text + "'");
  }

  /**
   * Reads a matcher as silences are written in JSON: a string ({@code "rule=x"}, see {@link
   * #parse}) or an object {@code {"name", "op", "value"}} ({@code op} defaults to {@code =}).
   */
  public static LabelMatcher of(JsonNode node) {
    return node.isTextual()
        ? parse(node.asText())
        : new LabelMatcher(
            node.path("name").asText(null),
            node.path("op").asText("="),
            node.path("value").asText(null));
  }

  /** Whether {@code alert} satisfies this condition (a missing label counts as empty). */
  public boolean matches(Alert alert) {
    List<String> values = AlertLabels.values(alert, name);
    if (values.isEmpty()) {
      values = List.of("");
    }
    boolean any = values.stream().anyMatch(this::test);
    return op.startsWith("!") ? values.stream().allMatch(this::test) : any;
  }

  private boolean test(String candidate) {
    return switch (op) {
      case "=" -> candidate.equals(value);
      case "!=" -> !candidate.equals(value);
      case "=~" -> Regexes.compiled(value).matches(candidate);
      default -> !Regexes.compiled(value).matches(candidate);
    };
  }

  /** Compiled matcher regexes by source, so that each is compiled once, not once per alert. */
  private static final class Regexes {
    private static final int MAX_CACHED = 4096;
    private static final Map<String, Pattern> BY_SOURCE = new ConcurrentHashMap<>();

    static Pattern compiled(String source) {
      Pattern cached = BY_SOURCE.get(source);
      if (cached != null) {
        return cached;
      }
      Pattern pattern = Pattern.compile(source);
      if (BY_SOURCE.size() >= MAX_CACHED) {
        BY_SOURCE.clear();
      }
      BY_SOURCE.put(source, pattern);
      return pattern;
    }
  }

  @Override
  public String toString() {
    return name + op + value;
  }
}
