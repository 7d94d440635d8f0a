package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled {@link RuleCondition.ForeignAccount}: holds when a value at one of its selectors names
 * an AWS account other than the event's and not in the trusted allow-list — a snapshot, an image or
 * a function permission granted to someone else's account.
 */
final class ForeignAccountCheck {

  /** An ARN's account field ({@code arn:aws:iam::111122223333:root}). */
  private static final Pattern ARN_ACCOUNT = Pattern.compile("^arn:aws[a-z-]*:[^:]*:[^:]*:(\\d+):");

  /** A bare account id, as the sharing APIs take it ({@code userId}, {@code valuesToAdd}). */
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d+");

  private final List<EventPath> values;
  private final String trustedName;
  private final Allowlist trusted;

  private ForeignAccountCheck(List<EventPath> values, String trustedName, Allowlist trusted) {
    this.values = values;
    this.trustedName = trustedName;
    this.trusted = trusted;
  }

  /**
   * Compiles {@code spec}.
   *
   * @throws IllegalArgumentException as {@code field: problem}
   */
  static ForeignAccountCheck compile(RuleCondition.ForeignAccount spec) {
    if (spec.values().isEmpty()) {
      throw new IllegalArgumentException("values: at least one $.selector is needed");
    }
    return new ForeignAccountCheck(
        EventPath.parseAll("values", spec.values()), spec.trusted(), null);
  }

  /** The allow-list named by {@code trusted}, or {@code null} when none is named. */
  String trustedName() {
    return trustedName;
  }

  /** This check with its {@code trusted} allow-list resolved from {@code lists}. */
  ForeignAccountCheck bind(Map<String, Allowlist> lists) {
    return new ForeignAccountCheck(
        values, trustedName, trustedName == null ? null : lists.get(trustedName));
  }

  /**
   * What was found on {@code event}, or {@code null} when no value names a foreign account; {@code
   * account} is the account the event belongs to (never foreign).
   */
  ObjectNode evidence(JsonNode event, String account) {
    for (EventPath path : values) {
      List<String> texts = new ArrayList<>();
      collect(path.at(event), texts);
      for (String text : texts) {
        String other = accountOf(text);
        if (other != null
            && !other.equals(account)
            && (trusted == null || !trusted.trustsAccount(other))) {
          ObjectNode evidence = Json.MAPPER.createObjectNode();
          evidence.put("condition", "foreign_account");
          evidence.put("value", path.toString());
          evidence.put("account", other);
          evidence.put("why", "account " + other + " (" + text + "), which is not trusted");
          return evidence;
        }
      }
    }
    return null;
  }

  /** The account {@code text} names: an ARN's account field, or {@code text} if all digits. */
  static String accountOf(String text) {
    Matcher arn = ARN_ACCOUNT.matcher(text);
    if (arn.find()) {
      return arn.group(1);
    }
    return ACCOUNT_ID.matcher(text).matches() ? text : null;
  }

  /**
   * Every text leaf under {@code node}: lists and objects are searched through. Numbers are left
   * out: account ids are strings in every AWS API, numbers are sizes and counts.
   */
  private static void collect(JsonNode node, List<String> into) {
    if (node.isContainerNode()) {
      node.forEach(child -> collect(child, into));
    } else if (node.isTextual()) {
      into.add(node.asText());
    }
  }
}
