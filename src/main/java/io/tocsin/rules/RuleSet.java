package io.tocsin.rules;

import io.tocsin.pattern.PatternSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loaded, compiled rules. Matching an event evaluates all rules of its source in scope for its
 * log group together (a {@link PatternSet}), so adding rules does not mean scanning each message
 * once more per rule.
 */
public final class RuleSet {

  private final Map<String, CompiledRule> byId;
  private final List<RuleError> refused;
  private final Map<Rule.Source, ScopedPatternSets<CompiledRule>> bySource = new LinkedHashMap<>();
  private final SourceNetworks networks;

  /** A set of {@code rules}; ids must be unique (the loader guarantees it). */
  public RuleSet(List<CompiledRule> rules) {
    this(rules, List.of());
  }

  /** A set of {@code rules}, with the Sigma rules that were {@code refused} and why. */
  public RuleSet(List<CompiledRule> rules, List<RuleError> refused) {
    this(rules, refused, SourceNetworks.PREFIXES);
  }

  private RuleSet(List<CompiledRule> rules, List<RuleError> refused, SourceNetworks networks) {
    this.networks = networks;
    this.refused = List.copyOf(refused);
    Map<String, CompiledRule> ids = new LinkedHashMap<>();
    for (CompiledRule rule : rules) {
      if (ids.putIfAbsent(rule.id(), rule) != null) {
        throw new IllegalArgumentException("duplicate rule id " + rule.id());
      }
    }
    this.byId = Collections.unmodifiableMap(ids);
    for (Rule.Source source : Rule.Source.values()) {
      List<CompiledRule> of = rules.stream().filter(r -> r.rule().source() == source).toList();
      bySource.put(source, new ScopedPatternSets<>(of, rule -> rule, CompiledRule::pattern));
    }
  }

  /** These rules, with {@code source_network} named by {@code networks}. */
  public RuleSet withNetworks(SourceNetworks networks) {
    return new RuleSet(all(), refused, networks);
  }

  /** How the rules name a CloudTrail event's {@code source_network}. */
  public SourceNetworks networks() {
    return networks;
  }

  /** Every rule, in load order. */
  public List<CompiledRule> all() {
    return List.copyOf(byId.values());
  }

  /** The rule with {@code id}, or {@code null}. */
  public CompiledRule get(String id) {
    return byId.get(id);
  }

  /** Whether any rule reads {@code source}. */
  public boolean reads(Rule.Source source) {
    return bySource.get(source).size() > 0;
  }

  /** The rules of {@code source} that match {@code event}, in load order. */
  public List<CompiledRule> matching(Rule.Source source, RuleEvent event) {
    return bySource.get(source).forLogGroup(event.field("log_group")).matching(event.input());
  }

  /**
   * The Sigma rules refused at load, each at its file and line as {@code rule sigma 'title' (id):
   * refused: why}; they do not stop the load.
   */
  public List<RuleError> refused() {
    return refused;
  }

  /** How many rules are loaded. */
  public int size() {
    return byId.size();
  }
}
