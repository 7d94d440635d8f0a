package io.tocsin.detect;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleCondition;
import io.tocsin.rules.RuleSet;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Drops, in the task that read the event and before the first-seen repartition, a candidate of a
 * rule that fires on one event ({@code at_least: 1}) when the same subject on the same scope was
 * sent for it less than {@link #REPEAT_SPAN} earlier or later (event time): the repeat cannot make
 * the subject newer or older, and would only fold into the incident the one sent opened — whose
 * count and event IDs then hold one event per span of a burst. Rules counting towards a higher
 * {@code at_least} get every candidate. The memory is per task, bounded ({@value #MAX_ENTRIES}
 * keys) and lost on restart, which only sends repeats again.
 */
final class FirstSeenCandidateThinner implements FixedKeyProcessor<String, Finding, Finding> {

  /** How close in event time a repeat of one subject on one scope is dropped. */
  static final Duration REPEAT_SPAN = Duration.ofSeconds(1);

  /** Most (rule, scope, subject) keys remembered per task. */
  static final int MAX_ENTRIES = 50_000;

  private final RuleSet rules;
  private final RecentlySent sent = new RecentlySent(MAX_ENTRIES);
  private FixedKeyProcessorContext<String, Finding> context;

  FirstSeenCandidateThinner(RuleSet rules) {
    this.rules = rules;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Finding> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Finding> record) {
    Finding finding = record.value();
    if (!firesOnOneEvent(finding.match().ruleId())
        || !sent.repeats(
            finding.match().ruleId() + '\n' + finding.scope() + '\n' + finding.subject(),
            finding.match().eventTime().toEpochMilli(),
            REPEAT_SPAN.toMillis())) {
      context.forward(record);
    }
  }

  private boolean firesOnOneEvent(String ruleId) {
    CompiledRule rule = rules.get(ruleId);
    RuleCondition.FirstSeen spec =
        rule == null || rule.conditions().firstSeen() == null
            ? null
            : rule.conditions().firstSeen().spec();
    return spec != null && spec.atLeast() == 1;
  }
}
