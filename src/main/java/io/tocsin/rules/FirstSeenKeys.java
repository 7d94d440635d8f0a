package io.tocsin.rules;

import java.time.Duration;

/**
 * A compiled {@code first_seen} condition: how to read its subject and scope from an event, and its
 * settings. The first-seen detector keeps the state; this only names what it is kept for.
 */
public final class FirstSeenKeys {

  private final RuleCondition.FirstSeen spec;
  private final EventField subject;
  private final EventField scope;

  private FirstSeenKeys(RuleCondition.FirstSeen spec, EventField subject, EventField scope) {
    this.spec = spec;
    this.subject = subject;
    this.scope = scope;
  }

  /**
   * Compiles {@code spec} (defaults already filled in).
   *
   * @throws IllegalArgumentException when a field or duration is invalid
   */
  static FirstSeenKeys compile(RuleCondition.FirstSeen spec) {
    if (!positive(spec.newFor()) || !positive(spec.window()) || !positive(spec.forgetAfter())) {
      throw new IllegalArgumentException("new_for, window and forget_after must be longer than 0");
    }
    if (spec.maxSubjects() < 1) {
      throw new IllegalArgumentException(
          "max_subjects: expected at least 1, got " + spec.maxSubjects());
    }
    return new FirstSeenKeys(spec, EventField.of(spec.subject()), EventField.of(spec.scope()));
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  /** The settings, defaults filled in. */
  public RuleCondition.FirstSeen spec() {
    return spec;
  }

  /** Who {@code event} is from, or {@code null}. */
  public String subject(RuleEvent event) {
    return subject.read(event);
  }

  /** What {@code event} is on, or {@code null}. */
  public String scope(RuleEvent event) {
    return scope.read(event);
  }
}
