package io.tocsin.detect;

import io.tocsin.model.Alert;
import java.util.Map;

/**
 * What one event contributes to one rate or threshold rule's group: the unit the alarm processor
 * folds into its series. Travels through the repartition topic keyed by {@link #fingerprint}, so a
 * group lives on one task.
 *
 * @param fingerprint stable per rule and group key
 * @param ruleId the rule
 * @param group the group-key fields and values
 * @param eventTime event time in epoch milliseconds (log event time, CloudTrail eventTime)
 * @param numerator rate: the event matches the rule's pattern
 * @param denominator rate: the event matches the alarm's denominator pattern
 * @param value threshold: the event's metric value; {@code null} for rate rules
 * @param sample the event text of numerator and value events ({@link Match#sampleOf}), else {@code
 *     null}
 * @param resource the resource and actor the event concerns
 */
record Observation(
    String fingerprint,
    String ruleId,
    Map<String, String> group,
    long eventTime,
    boolean numerator,
    boolean denominator,
    Double value,
    String sample,
    Alert.Resource resource) {

  /** This observation with its event time moved to {@code eventTime}. */
  Observation at(long eventTime) {
    return new Observation(
        fingerprint, ruleId, group, eventTime, numerator, denominator, value, sample, resource);
  }
}
