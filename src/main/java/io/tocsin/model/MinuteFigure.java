package io.tocsin.model;

import java.time.Instant;

/**
 * One minute of a sliding rate or threshold rule's series for one group (key: the alert
 * fingerprint): the trailing-period figures its alarm compared at the first evaluation in that
 * minute. The console draws an hour of them with the threshold and the transitions.
 *
 * @param at the start of the minute
 * @param value the ratio or statistic, {@code null} below the rule's {@code min_denominator}
 * @param numerator rate rules: matching events in the trailing period, else {@code null}
 * @param denominator rate rules: events considered in the trailing period, else {@code null}
 */
public record MinuteFigure(Instant at, Double value, Double numerator, Double denominator) {}
