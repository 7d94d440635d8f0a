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
  private final FilterPattern denominator;
  private final MetricValueSelector value;

  CompiledRule(Rule rule, String file, FilterPattern pattern, GroupKey groupKey) {
    this(rule, file, pattern, groupKey, null, null);
  }

  CompiledRule(
      Rule rule,
      String file,
      FilterPattern pattern,
      GroupKey groupKey,
      FilterPattern denominator,
      MetricValueSelector value) {
    this.rule = rule;
    this.file = file;
    this.pattern = pattern;
    this.groupKey = groupKey;
    this.logGroups = rule.logGroups().stream().map(CompiledRule::glob).toList();
    this.denominator = denominator;
    this.value = value;
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

  /** Whether the rule matches {@code event} (scope and pattern). */
  public boolean matches(RuleEvent event) {
    return appliesTo(event.field("log_group")) && pattern.matches(event.input());
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
