package io.tocsin.rules;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain JSON path into an event, written like a filter-pattern selector: {@code
 * $.requestParameters.userName}, {@code $.detail.status-details.status}, {@code $.items[0].name}
 * (no wildcards: a condition reads one value).
 */
final class EventPath {

  private static final Pattern SELECTOR = Pattern.compile("\\$((\\.[A-Za-z0-9_-]+)|(\\[\\d+]))+");
  private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]");

  private final String text;
  private final JsonPointer pointer;

  private EventPath(String text, JsonPointer pointer) {
    this.text = text;
    this.pointer = pointer;
  }

  /**
   * Compiles {@code selector}.
   *
   * @throws IllegalArgumentException when it is not of the form {@code $.name.name[0]…}
   */
  static EventPath parse(String selector) {
    if (selector == null || !SELECTOR.matcher(selector).matches()) {
      throw new IllegalArgumentException(
          "expected a selector like $.requestParameters.userName, got '" + selector + "'");
    }
    StringBuilder pointer = new StringBuilder();
    Matcher step = STEP.matcher(selector);
    while (step.find()) {
      String name = step.group(1) != null ? step.group(1) : step.group(2);
      pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
    }
    return new EventPath(selector, JsonPointer.compile(pointer.toString()));
  }

  /**
   * Compiles every selector of a condition's list {@code field}.
   *
   * @throws IllegalArgumentException as {@code field: problem}
   */
  static List<EventPath> parseAll(String field, List<String> selectors) {
    List<EventPath> paths = new ArrayList<>();
    for (String selector : selectors) {
      try {
        paths.add(parse(selector));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ": " + e.getMessage());
      }
    }
    return List.copyOf(paths);
  }

  /** The node at this path, or a missing node. */
  JsonNode at(JsonNode event) {
    return event.at(pointer);
  }

  /** The non-empty text of the value at this path, or {@code null}. */
  String text(JsonNode event) {
    return Actor.text(at(event));
  }

  @Override
  public String toString() {
    return text;
  }
}
