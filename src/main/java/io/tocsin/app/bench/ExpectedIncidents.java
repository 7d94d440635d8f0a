package io.tocsin.app.bench;

import io.tocsin.detect.Fingerprints;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.GroupKey;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incidents a set of events must open (match rules: one per rule and group key), worked out
 * with the detectors' own rules and fingerprints, and the check of what arrived on the alerts topic
 * against them: every incident fired, and fired once.
 */
public final class ExpectedIncidents {

  /**
   * What arrived against what was expected.
   *
   * @param expected incidents the events must open
   * @param fired expected incidents with at least one firing alert
   * @param duplicates firing alerts beyond the first of an incident
   * @param unexpected incidents that fired without being expected
   */
  public record Tally(int expected, int fired, int duplicates, int unexpected) {
    /** Expected incidents that never fired. */
    public int missing() {
      return expected - fired;
    }
  }

  private final RuleSet rules;
  private final Set<String> fingerprints = new LinkedHashSet<>();

  /** Expectations under {@code rules}. */
  public ExpectedIncidents(RuleSet rules) {
    this.rules = rules;
  }

  /** Adds the incidents {@code event} opens; returns their fingerprints. */
  public List<String> add(LogEvent event) {
    return add(Rule.Source.LOGS, RuleEvent.of(event));
  }

  /** Adds the incidents {@code event} opens; returns their fingerprints. */
  public List<String> add(CloudTrailEvent event) {
    return add(Rule.Source.CLOUDTRAIL, RuleEvent.of(event));
  }

  private List<String> add(Rule.Source source, RuleEvent event) {
    List<String> opened =
        rules.matching(source, event).stream()
            .filter(r -> r.rule().kind() == Rule.Kind.MATCH)
            .map(r -> Fingerprints.of(r.id(), GroupKey.render(r.groupKey().of(event))))
            .toList();
    fingerprints.addAll(opened);
    return opened;
  }

  /** The fingerprints of every expected incident. */
  public Set<String> fingerprints() {
    return Set.copyOf(fingerprints);
  }

  /** Checks the alerts that arrived (in any order, any status) against the expectation. */
  public Tally check(List<Alert> alerts) {
    Map<String, Integer> firing = new HashMap<>();
    for (Alert alert : alerts) {
      if (alert.status() == AlertStatus.FIRING) {
        firing.merge(alert.fingerprint(), 1, Integer::sum);
      }
    }
    int fired = 0;
    int duplicates = 0;
    int unexpected = 0;
    for (Map.Entry<String, Integer> e : firing.entrySet()) {
      if (fingerprints.contains(e.getKey())) {
        fired++;
        duplicates += e.getValue() - 1;
      } else {
        unexpected++;
      }
    }
    return new Tally(fingerprints.size(), fired, duplicates, unexpected);
  }
}
