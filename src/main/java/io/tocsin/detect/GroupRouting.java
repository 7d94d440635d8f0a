package io.tocsin.detect;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which records of one source can be evaluated in the task that reads them: those of a rule grouped
 * by the field the source topic is keyed by ({@code log_group} for logs, {@code account} for
 * CloudTrail) whose record key is that field's value, so every record of the group is on the same
 * partition already. The rest must be re-keyed by fingerprint through a repartition topic.
 */
final class GroupRouting {

  private final String keyField;
  private final Set<String> inPlaceRules;

  private GroupRouting(String keyField, Set<String> inPlaceRules) {
    this.keyField = keyField;
    this.inPlaceRules = inPlaceRules;
  }

  /** The routing of {@code source}'s records for the rules of {@code rules}. */
  static GroupRouting of(RuleSet rules, Rule.Source source) {
    String keyField = recordKeyField(source);
    Set<String> inPlace =
        rules.all().stream()
            .filter(rule -> rule.rule().groupBy().contains(keyField))
            .map(CompiledRule::id)
            .collect(Collectors.toUnmodifiableSet());
    return new GroupRouting(keyField, inPlace);
  }

  /**
   * The group-key field whose value the records of {@code source}'s topic are keyed by (see {@link
   * io.tocsin.topics.Topics#LOGS}, {@link io.tocsin.topics.Topics#CLOUDTRAIL}).
   */
  static String recordKeyField(Rule.Source source) {
    return source == Rule.Source.LOGS ? "log_group" : "account";
  }

  /**
   * Whether the record keyed {@code key} for rule {@code ruleId} and group {@code group} can stay
   * in its task: the rule groups by the key field and the key is the group's value of it (a null
   * key is spread over partitions).
   */
  boolean inPlace(String key, String ruleId, Map<String, String> group) {
    return key != null && inPlaceRules.contains(ruleId) && key.equals(group.get(keyField));
  }
}
