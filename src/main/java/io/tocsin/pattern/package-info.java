/**
 * The CloudWatch Logs filter-pattern language (topology-docs/filter-patterns.md): compile a pattern
 * once, then evaluate it against events.
 *
 * <pre>{@code
 * FilterPattern rootUse = FilterPattern.compile(
 *     "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS }");
 * LogInput event = LogInput.ofJson(cloudTrailNode, rawRecord);   // or LogInput.ofMessage(line)
 * boolean alert = rootUse.matches(event);
 *
 * FilterPattern slow = FilterPattern.compile("{ $.latency > 1000 }");
 * OptionalDouble latency = slow.metricValue("$.latency").valueOf(event);
 *
 * PatternSet<Rule> rules = PatternSet.of(allRules, Rule::pattern);   // one pass per event
 * List<Rule> firing = rules.matching(event);
 * }</pre>
 *
 * <p>{@link io.tocsin.pattern.FilterPattern}, {@link io.tocsin.pattern.MetricValueSelector} and
 * {@link io.tocsin.pattern.PatternSet} are immutable and thread-safe; a {@link
 * io.tocsin.pattern.LogInput} belongs to one event on one thread and caches that event's JSON parse
 * and field split for every pattern evaluated against it. Invalid patterns fail at compile time
 * with {@link io.tocsin.pattern.PatternSyntaxException}; matching never throws.
 */
package io.tocsin.pattern;
