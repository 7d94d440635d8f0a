package io.tocsin.rules;

import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.MetricValueSelector;
import java.util.List;
import java.util.regex.Pattern;

/** A validated rule with its filter pattern, log-group scope and group key compiled once. */
public final class CompiledRule {

  private final Rule rule;
  private final String file;
  private final FilterPattern pattern;
  private final GroupKey groupKey;
  private final List<Pattern> logGroups;
  private final ConditionSet conditions;
  private final FilterPattern denominator;
  private final MetricValueSelector value;
  private final EventTest eventTest;

  CompiledRule(Rule rule, String file, FilterPattern pattern, GroupKey groupKey) {
    this(rule, file, pattern, groupKey, ConditionSet.NONE, null, null, null);
  }

  CompiledRule(
      Rule rule,
      String file,
      FilterPattern pattern,
      GroupKey groupKey,
      FilterPattern denominator,
      MetricValueSelector value) {
    this(rule, file, pattern, groupKey, ConditionSet.NONE, denominator, value, null);
  }

  private CompiledRule(
      Rule rule,
      String file,
      FilterPattern pattern,
      GroupKey groupKey,
      ConditionSet conditions,
      FilterPattern denominator,
      MetricValueSelector value,
      EventTest eventTest) {
    this.rule = rule;
    this.file = file;
    this.pattern = pattern;
    this.groupKey = groupKey;
    this.logGroups = rule.logGroups().stream().map(CompiledRule::glob).toList();
    this.conditions = conditions;
    this.denominator = denominator;
    this.value = value;
    this.eventTest = eventTest;
  }

  /** This rule with {@code conditions} (compiled, or bound to the loaded allow-lists). */
  CompiledRule withConditions(ConditionSet conditions) {
    return new CompiledRule(
        rule, file, pattern, groupKey, conditions, denominator, value, eventTest);
  }

  /** This rule with {@code test} deciding, after the pattern, which events count (Sigma). */
  CompiledRule withEventTest(EventTest test) {
    return new CompiledRule(rule, file, pattern, groupKey, conditions, denominator, value, test);
  }

  /**
   * Whether {@code event}, whose pattern matched, passes the rule's event test (always, for rules
   * without one): the whole decision of a rate or threshold rule's numerator.
   */
  public boolean admits(RuleEvent event) {
    return eventTest == null
        || (event instanceof RuleEvent.Trail trail && eventTest.test(trail.event().event()));
  }

  /** The rule as written (with defaults filled in). */
  public Rule rule() {
    return rule;
  }

  /** The id of the rule. */
  public String id() {
    return rule.id();
  }

  /** Where the rule was loaded from ({@code classpath:…} for the default pack). */
  public String file() {
    return file;
  }

  /** The compiled filter pattern. */
  public FilterPattern pattern() {
    return pattern;
  }

  /** A rate rule's compiled {@code alarm.denominator}; {@code null} for other kinds. */
  public FilterPattern denominator() {
    return denominator;
  }

  /** A threshold rule's compiled {@code alarm.value}; {@code null} for other kinds. */
  public MetricValueSelector value() {
    return value;
  }

  /** The fields that separate incidents. */
  public GroupKey groupKey() {
    return groupKey;
  }

  /** Whether the rule applies to events of {@code logGroup} (always true without a scope). */
  public boolean appliesTo(String logGroup) {
    if (logGroups.isEmpty()) {
      return true;
    }
    for (Pattern glob : logGroups) {
      if (logGroup != null && glob.matcher(logGroup).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The compiled {@code conditions:} and {@code allow:} of the rule. */
  public ConditionSet conditions() {
    return conditions;
  }

  /**
   * Whether the rule fires on {@code event}: scope, pattern and conditions hold and no allow-list
   * suppresses it (a {@code first_seen} rule: whether the event is a candidate).
   */
  public boolean matches(RuleEvent event) {
    return appliesTo(event.field("log_group"))
        && pattern.matches(event.input())
        && evaluate(event).fires();
  }

  /** The conditions' and allow-lists' verdict on {@code event}, whose pattern already matched. */
  public Verdict evaluate(RuleEvent event) {
    if (!admits(event)) {
      return Verdict.NO_MATCH;
    }
    return conditions.evaluate(event);
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public String toString() {
    return rule.id();
  }
}
