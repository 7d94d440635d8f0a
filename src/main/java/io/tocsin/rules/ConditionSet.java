package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import io.tocsin.pattern.FilterPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compiled {@code conditions:} and {@code allow:} of one rule, evaluated on events the rule's
 * pattern matched: cheapest first ({@code unless} patterns, then {@code other_user}, then policy
 * documents and foreign accounts), the allow-lists last, so only real matches count as suppressed.
 */
public final class ConditionSet {

  /** No conditions, no allow-lists. */
  static final ConditionSet NONE =
      new ConditionSet(List.of(), List.of(), List.of(), List.of(), null, null, List.of());

  private final List<FilterPattern> unless;
  private final List<EventPath> otherUser;
  private final List<PolicyCheck> policies;
  private final List<ForeignAccountCheck> foreign;
  private final FirstSeenKeys firstSeen;
  private final KeyedCondition keyed;
  private final List<Allowlist> allow;

  private ConditionSet(
      List<FilterPattern> unless,
      List<EventPath> otherUser,
      List<PolicyCheck> policies,
      List<ForeignAccountCheck> foreign,
      FirstSeenKeys firstSeen,
      KeyedCondition keyed,
      List<Allowlist> allow) {
    this.unless = unless;
    this.otherUser = otherUser;
    this.policies = policies;
    this.foreign = foreign;
    this.firstSeen = firstSeen;
    this.keyed = keyed;
    this.allow = allow;
  }

  /**
   * Compiles the conditions of {@code rule}; allow-lists are resolved later by {@link #bind}.
   *
   * @throws IllegalArgumentException as {@code field F: problem}
   */
  static ConditionSet compile(Rule rule) {
    List<FilterPattern> unless = new ArrayList<>();
    List<EventPath> otherUser = new ArrayList<>();
    List<PolicyCheck> policies = new ArrayList<>();
    List<ForeignAccountCheck> foreign = new ArrayList<>();
    FirstSeenKeys firstSeen = null;
    KeyedCondition keyed = null;
    List<RuleCondition> conditions = rule.conditions();
    for (int i = 0; i < conditions.size(); i++) {
      RuleCondition c = conditions.get(i);
      String field = "conditions[" + i + "].";
      try {
        if (c.unless() != null) {
          field += "unless";
          unless.add(FilterPattern.compile(c.unless()));
        } else if (c.otherUser() != null) {
          field += "other_user";
          otherUser.add(EventPath.parse(c.otherUser()));
        } else if (c.policy() != null) {
          field += "policy";
          policies.add(PolicyCheck.compile(c.policy()));
        } else if (c.foreignAccount() != null) {
          field += "foreign_account";
          foreign.add(ForeignAccountCheck.compile(c.foreignAccount()));
        } else {
          field += c.firstSeen() != null ? "first_seen" : c.after() != null ? "after" : "distinct";
          if (firstSeen != null || keyed != null) {
            throw new IllegalArgumentException(
                "a rule has at most one stateful condition (first_seen, after, distinct)");
          }
          field += c.firstSeen() != null ? ": " : ".";
          if (c.firstSeen() != null) {
            firstSeen = FirstSeenKeys.compile(c.firstSeen().withDefaults());
          } else if (c.after() != null) {
            keyed = KeyedCondition.after(c.after().withDefaults());
          } else {
            keyed = KeyedCondition.distinct(c.distinct().withDefaults());
          }
        }
      } catch (IllegalArgumentException e) {
        String separator =
            c.policy() != null || c.foreignAccount() != null
                ? "."
                : field.endsWith(".") || field.endsWith(": ") ? "" : ": ";
        throw new IllegalArgumentException("field " + field + separator + e.getMessage());
      }
    }
    return new ConditionSet(
        List.copyOf(unless),
        List.copyOf(otherUser),
        List.copyOf(policies),
        List.copyOf(foreign),
        firstSeen,
        keyed,
        List.of());
  }

  /**
   * This set with the allow-lists of {@code rule} ({@code allow:} and every policy's {@code
   * trusted:}) resolved from {@code lists}.
   *
   * @throws IllegalArgumentException naming the field and the unknown list
   */
  ConditionSet bind(Rule rule, Map<String, Allowlist> lists) {
    List<Allowlist> allowed = new ArrayList<>();
    for (String name : rule.allow()) {
      allowed.add(known(lists, name, "allow"));
    }
    List<PolicyCheck> bound = new ArrayList<>();
    for (PolicyCheck policy : policies) {
      if (policy.trustedName() != null) {
        known(lists, policy.trustedName(), "conditions.policy.trusted");
      }
      bound.add(policy.bind(lists));
    }
    List<ForeignAccountCheck> boundForeign = new ArrayList<>();
    for (ForeignAccountCheck check : foreign) {
      if (check.trustedName() != null) {
        known(lists, check.trustedName(), "conditions.foreign_account.trusted");
      }
      boundForeign.add(check.bind(lists));
    }
    return new ConditionSet(
        unless,
        otherUser,
        List.copyOf(bound),
        List.copyOf(boundForeign),
        firstSeen,
        keyed,
        List.copyOf(allowed));
  }

  private static Allowlist known(Map<String, Allowlist> lists, String name, String field) {
    Allowlist list = lists.get(name);
    if (list == null) {
      throw new IllegalArgumentException(
          "field " + field + ": unknown allow-list '" + name + "'; known: " + lists.keySet());
    }
    return list;
  }

  /** The first-seen condition, or {@code null}: the rule is stateful when present. */
  public FirstSeenKeys firstSeen() {
    return firstSeen;
  }

  /**
   * The {@code after} or {@code distinct} condition, or {@code null}: the rule is decided per actor
   * by the keyed detector when present.
   */
  public KeyedCondition keyed() {
    return keyed;
  }

  /** The verdict on {@code event}, whose pattern (and scope) already matched. */
  Verdict evaluate(RuleEvent event) {
    if (!(event instanceof RuleEvent.Trail trail)) {
      return Verdict.match(List.of());
    }
    for (FilterPattern pattern : unless) {
      if (pattern.matches(event.input())) {
        return Verdict.NO_MATCH;
      }
    }
    JsonNode json = trail.event().event();
    List<JsonNode> evidence = new ArrayList<>();
    Actor actor = otherUser.isEmpty() && allow.isEmpty() ? null : Actor.of(json);
    for (EventPath path : otherUser) {
      String target = path.text(json);
      if (target == null || target.equals(actor.name())) {
        return Verdict.NO_MATCH;
      }
      ObjectNode found = Json.MAPPER.createObjectNode();
      found.put("condition", "other_user");
      found.put("user", target);
      found.put("actor", actor.name() == null ? actor.type() : actor.name());
      evidence.add(found);
    }
    for (PolicyCheck policy : policies) {
      ObjectNode found = policy.evidence(json, event.field("account"));
      if (found == null) {
        return Verdict.NO_MATCH;
      }
      evidence.add(found);
    }
    for (ForeignAccountCheck check : foreign) {
      ObjectNode found = check.evidence(json, event.field("account"));
      if (found == null) {
        return Verdict.NO_MATCH;
      }
      evidence.add(found);
    }
    for (Allowlist list : allow) {
      String entry = list.match(actor);
      if (entry != null) {
        return new Verdict(true, evidence, list.name(), entry);
      }
    }
    return Verdict.match(evidence);
  }
}
