package io.tocsin.rules;

import java.time.Duration;

/**
 * A compiled {@code first_seen} condition: how to read its subject and scope from an event, and its
 * settings. The first-seen detector keeps the state; this only names what it is kept for.
 */
public final class FirstSeenKeys {

  private final RuleCondition.FirstSeen spec;
  private final EventPath subjectPath;
  private final EventPath scopePath;

  private FirstSeenKeys(RuleCondition.FirstSeen spec, EventPath subject, EventPath scope) {
    this.spec = spec;
    this.subjectPath = subject;
    this.scopePath = scope;
  }

  /**
   * Compiles {@code spec} (defaults already filled in).
   *
   * @throws IllegalArgumentException when a field or duration is invalid
   */
  static FirstSeenKeys compile(RuleCondition.FirstSeen spec) {
    if (!positive(spec.newFor()) || !positive(spec.window())) {
      throw new IllegalArgumentException("new_for and window must be longer than 0");
    }
    return new FirstSeenKeys(spec, path(spec.subject()), path(spec.scope()));
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private static EventPath path(String field) {
    if (field.startsWith("$")) {
      return EventPath.parse(field);
    }
    if (!GroupKey.CLOUDTRAIL_FIELDS.contains(field)) {
      throw new IllegalArgumentException(
          "unknown field '"
              + field
              + "'; expected one of "
              + GroupKey.CLOUDTRAIL_FIELDS
              + " or a $selector");
    }
    return null;
  }

  /** The settings, defaults filled in. */
  public RuleCondition.FirstSeen spec() {
    return spec;
  }

  /** Who {@code event} is from, or {@code null}. */
  public String subject(RuleEvent event) {
    return value(spec.subject(), subjectPath, event);
  }

  /** What {@code event} is on, or {@code null}. */
  public String scope(RuleEvent event) {
    return value(spec.scope(), scopePath, event);
  }

  private static String value(String field, EventPath path, RuleEvent event) {
    if (path == null) {
      return event.field(field);
    }
    return event instanceof RuleEvent.Trail trail ? path.text(trail.event().event()) : null;
  }
}
