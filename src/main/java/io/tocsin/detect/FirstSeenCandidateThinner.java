package io.tocsin.detect;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleCondition;
import io.tocsin.rules.RuleSet;
import java.time.Duration;

/**
 * Drops, in the task that read the event and before the first-seen repartition, a candidate of a
 * rule that fires on one event ({@code at_least: 1}) when the same subject on the same scope was
 * sent for it less than {@link #REPEAT_SPAN} earlier or later (event time): the repeat cannot make
 * the subject newer or older, and would only fold into the incident the one sent opened — whose
 * count and event IDs then hold one event per span of a burst. Rules counting towards a higher
 * {@code at_least} get every candidate (see {@link CandidateThinner} for the memory).
 */
final class FirstSeenCandidateThinner extends CandidateThinner {

  /** How close in event time a repeat of one subject on one scope is dropped. */
  static final Duration REPEAT_SPAN = Duration.ofSeconds(1);

  FirstSeenCandidateThinner(RuleSet rules) {
    super(rules);
  }

  @Override
  Repeat repeatOf(Finding finding) {
    Match match = finding.match();
    CompiledRule rule = rules.get(match.ruleId());
    RuleCondition.FirstSeen spec =
        rule == null || rule.conditions().firstSeen() == null
            ? null
            : rule.conditions().firstSeen().spec();
    if (spec == null || spec.atLeast() != 1) {
      return null;
    }
    return new Repeat(
        match.ruleId() + '\n' + finding.scope() + '\n' + finding.subject(),
        match.eventTime().toEpochMilli(),
        REPEAT_SPAN.toMillis());
  }
}
