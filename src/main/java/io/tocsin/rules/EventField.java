package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a stateful condition reads a value from a CloudTrail event: a cloudtrail group-by field
 * ({@code principal}, {@code source_ip}, …) or a {@code $.selector}, or several of them of which
 * the first present one is read (e.g. {@code [$.vpcEndpointId, source_ip]}).
 */
public final class EventField {

  private final List<String> names;
  private final List<EventPath> paths;

  private EventField(List<String> names, List<EventPath> paths) {
    this.names = names;
    this.paths = paths;
  }

  /**
   * Compiles {@code field}, a group-by field name or a {@code $.selector}.
   *
   * @throws IllegalArgumentException naming the unknown field or the bad selector
   */
  static EventField of(String field) {
    return firstOf(List.of(field));
  }

  /**
   * Compiles {@code fields}, read in order until one is present.
   *
   * @throws IllegalArgumentException naming the unknown field or the bad selector
   */
  static EventField firstOf(List<String> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("expected at least one field or $selector");
    }
    List<EventPath> paths = new ArrayList<>();
    for (String field : fields) {
      if (field != null && field.startsWith("$")) {
        paths.add(EventPath.parse(field));
      } else if (GroupKey.CLOUDTRAIL_FIELDS.contains(field)) {
        paths.add(null);
      } else {
        throw new IllegalArgumentException(
            "unknown field '"
                + field
                + "'; expected one of "
                + GroupKey.CLOUDTRAIL_FIELDS
                + " or a $selector");
      }
    }
    return new EventField(List.copyOf(fields), Collections.unmodifiableList(paths));
  }

  /** The first present value of {@code event}, or {@code null} when none is. */
  public String read(RuleEvent event) {
    for (int i = 0; i < names.size(); i++) {
      EventPath path = paths.get(i);
      String value;
      if (path == null) {
        value = event.field(names.get(i));
      } else {
        value =
            event instanceof RuleEvent.Trail trail ? text(path.at(trail.event().event())) : null;
      }
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** A scalar's text, or a non-empty list's or object's JSON text (one value either way). */
  private static String text(JsonNode node) {
    if (node.isContainerNode()) {
      return node.isEmpty() ? null : node.toString();
    }
    return Actor.text(node);
  }

  @Override
  public String toString() {
    return names.size() == 1 ? names.get(0) : names.toString();
  }
}
