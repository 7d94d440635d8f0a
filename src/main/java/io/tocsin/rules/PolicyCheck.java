package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A compiled {@link RuleCondition.Policy}: finds the policy document in an event (decoding JSON and
 * URL-encoded JSON strings) and the first Allow statement as risky as the rule says.
 */
final class PolicyCheck {

  private static final Pattern ACCOUNT = Pattern.compile("(?:^|:)(\\d{12})(?::|$)");

  private final List<EventPath> documents;
  private final Set<String> actions;
  private final Set<String> resources;
  private final boolean any;
  private final boolean foreign;
  private final String trustedName;
  private final Allowlist trusted;

  private PolicyCheck(
      List<EventPath> documents,
      Set<String> actions,
      Set<String> resources,
      boolean any,
      boolean foreign,
      String trustedName,
      Allowlist trusted) {
    this.documents = documents;
    this.actions = actions;
    this.resources = resources;
    this.any = any;
    this.foreign = foreign;
    this.trustedName = trustedName;
    this.trusted = trusted;
  }

  /**
   * Compiles {@code spec}.
   *
   * @throws IllegalArgumentException as {@code field: problem}
   */
  static PolicyCheck compile(RuleCondition.Policy spec) {
    List<EventPath> documents = EventPath.parseAll("document", spec.document());
    if (spec.trusted() != null && !spec.principals().contains("foreign")) {
      throw new IllegalArgumentException("trusted: only used with principals: [foreign]");
    }
    return new PolicyCheck(
        documents,
        lower(spec.actions()),
        lower(spec.resources()),
        spec.principals().contains("any"),
        spec.principals().contains("foreign"),
        spec.trusted(),
        null);
  }

  /** The allow-list named by {@code trusted}, or {@code null} when none is named. */
  String trustedName() {
    return trustedName;
  }

  /** This check with its {@code trusted} allow-list resolved from {@code lists}. */
  PolicyCheck bind(Map<String, Allowlist> lists) {
    return new PolicyCheck(
        documents,
        actions,
        resources,
        any,
        foreign,
        trustedName,
        trustedName == null ? null : lists.get(trustedName));
  }

  /**
   * Evidence of the first risky statement ({@code document}, {@code statement}, {@code why}), or
   * {@code null} when the document is absent, unreadable or has none. {@code account} is the
   * account the event belongs to (never foreign).
   */
  ObjectNode evidence(JsonNode event, String account) {
    for (EventPath path : documents) {
      JsonNode value = path.at(event);
      if (value.isMissingNode() || value.isNull()) {
        continue;
      }
      JsonNode document = PolicyDocument.decode(value);
      if (document == null) {
        return null;
      }
      for (JsonNode statement : PolicyDocument.statements(document)) {
        String why = why(statement, account);
        if (why != null) {
          ObjectNode evidence = Json.MAPPER.createObjectNode();
          evidence.put("condition", "policy");
          evidence.put("document", path.toString());
          evidence.set("statement", statement);
          evidence.put("why", why);
          return evidence;
        }
      }
      return null;
    }
    return null;
  }

  /** Why {@code s} is risky, or {@code null} when it is not. */
  private String why(JsonNode s, String account) {
    if (!s.isObject() || !"allow".equalsIgnoreCase(s.path("Effect").asText())) {
      return null;
    }
    List<String> reasons = new ArrayList<>();
    if (!actions.isEmpty()) {
      String hit = hit(s, "Action", "NotAction", actions);
      if (hit == null) {
        return null;
      }
      reasons.add("allows " + hit);
    }
    if (!resources.isEmpty()) {
      String hit = hit(s, "Resource", "NotResource", resources);
      if (hit == null) {
        return null;
      }
      reasons.add("on " + hit);
    }
    if (any || foreign) {
      String who = principal(s, account);
      if (who == null) {
        return null;
      }
      reasons.add("to " + who);
    }
    return String.join(" ", reasons);
  }

  private static String hit(JsonNode s, String field, String notField, Set<String> wanted) {
    if (s.has(notField)) {
      return notField + " " + s.get(notField);
    }
    for (String value : PolicyDocument.values(s.path(field))) {
      if (wanted.contains(value.toLowerCase(Locale.ROOT))) {
        return field + " " + value;
      }
    }
    return null;
  }

  private String principal(JsonNode s, String account) {
    if (any && s.has("NotPrincipal")) {
      return "everyone but NotPrincipal " + s.get("NotPrincipal");
    }
    JsonNode principal = s.path("Principal");
    List<String> aws =
        principal.isTextual()
            ? List.of(principal.asText())
            : PolicyDocument.values(principal.path("AWS"));
    if (any && aws.contains("*") && !PolicyDocument.narrowsPrincipal(s.path("Condition"))) {
      return "any principal (\"*\") without an organisation, account or network condition";
    }
    if (foreign) {
      for (String entry : aws) {
        Matcher m = ACCOUNT.matcher(entry);
        String other = m.find() ? m.group(1) : null;
        if (other != null
            && !other.equals(account)
            && (trusted == null || !trusted.trustsAccount(other))) {
          return "account " + other + " (" + entry + "), which is not trusted";
        }
      }
    }
    return null;
  }

  private static Set<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
