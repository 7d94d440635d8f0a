package io.tocsin.rules;

import java.time.Duration;
import java.util.List;

/**
 * A compiled {@code after} or {@code distinct} condition: state kept per actor across events. It
 * names how to read the actor (and, for {@code distinct}, the counted value) from an event and the
 * settings; the keyed detector keeps the state, which expires after {@link #horizon()}.
 */
public final class KeyedCondition {

  private final RuleCondition.After after;
  private final RuleCondition.Distinct distinct;
  private final EventField key;
  private final EventField value;

  private KeyedCondition(
      RuleCondition.After after,
      RuleCondition.Distinct distinct,
      EventField key,
      EventField value) {
    this.after = after;
    this.distinct = distinct;
    this.key = key;
    this.value = value;
  }

  /**
   * Compiles an {@code after} test (defaults filled in).
   *
   * @throws IllegalArgumentException when a field or duration is invalid
   */
  static KeyedCondition after(RuleCondition.After spec) {
    if (spec.rule() == null || spec.rule().isBlank()) {
      throw new IllegalArgumentException("rule: expected the id of the rule that comes first");
    }
    requirePositive("within", spec.within());
    return new KeyedCondition(spec, null, field("same", spec.same()), null);
  }

  /**
   * Compiles a {@code distinct} test (defaults filled in).
   *
   * @throws IllegalArgumentException when a field, count or duration is invalid
   */
  static KeyedCondition distinct(RuleCondition.Distinct spec) {
    if (spec.atLeast() == null
        || spec.atLeast() < 2
        || spec.atLeast() > RuleCondition.Distinct.MAX_AT_LEAST) {
      throw new IllegalArgumentException(
          "at_least: expected 2 to "
              + RuleCondition.Distinct.MAX_AT_LEAST
              + ", got "
              + spec.atLeast());
    }
    requirePositive("window", spec.window());
    return new KeyedCondition(null, spec, field("per", spec.per()), field("value", spec.value()));
  }

  private static void requirePositive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": must be longer than 0");
    }
  }

  private static EventField field(String name, List<String> fields) {
    try {
      return EventField.firstOf(fields);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }

  /** The sequence test, or {@code null} for a distinct-count. */
  public RuleCondition.After after() {
    return after;
  }

  /** The distinct-count test, or {@code null} for a sequence. */
  public RuleCondition.Distinct distinct() {
    return distinct;
  }

  /** The actor of {@code event} whose state is kept, or {@code null}. */
  public String key(RuleEvent event) {
    return key.read(event);
  }

  /** The value a distinct-count counts in {@code event}, or {@code null}. */
  public String value(RuleEvent event) {
    return value == null ? null : value.read(event);
  }

  /** How the actor is read, as written ({@code principal}, {@code $.userIdentity.accessKeyId}). */
  public String keyName() {
    return key.toString();
  }

  /** How long an actor's state matters: the sequence's {@code within} or the counting window. */
  public Duration horizon() {
    return after != null ? after.within() : distinct.window();
  }
}
