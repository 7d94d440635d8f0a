package io.tocsin.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import io.tocsin.config.MappingProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A named allow-list from a rule file's {@code allowlists:} key: known automation roles,
 * break-glass users, trusted accounts, office networks. Teams tune rules by editing these lists,
 * never the rules. An entry matches an actor when every field it sets matches (so {@code principal}
 * plus {@code invoked_by} means "this role, but only through CloudFormation"); the list matches
 * when any entry does.
 */
public final class Allowlist {

  /** An entry as written; at least one field besides {@code note} is set. */
  record Entry(
      String principal,
      String account,
      String sourceIp,
      String userAgent,
      String invokedBy,
      String note) {}

  /** The list as written. */
  record Spec(String description, List<Entry> entries) {}

  /** An entry with its globs and range compiled. */
  private record Compiled(
      Entry entry, Pattern principal, Cidr sourceIp, Pattern userAgent, Pattern invokedBy) {}

  private final String name;
  private final String file;
  private final List<Compiled> entries;

  private Allowlist(String name, String file, List<Compiled> entries) {
    this.name = name;
    this.file = file;
    this.entries = entries;
  }

  /**
   * Compiles the list {@code name} written as {@code node} in {@code file}.
   *
   * @throws IllegalArgumentException with {@code field F: problem} when an entry is invalid
   */
  static Allowlist compile(String name, String file, JsonNode node) {
    Spec spec;
    try {
      spec = RuleLoader.YAML.treeToValue(node, Spec.class);
    } catch (JsonProcessingException e) {
      MappingProblem problem = MappingProblem.of(e, node);
      throw new IllegalArgumentException(
          (problem.path().isEmpty() ? "" : "field " + problem.path() + ": ") + problem.message());
    }
    List<Compiled> compiled = new ArrayList<>();
    List<Entry> entries = spec.entries() == null ? List.of() : spec.entries();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      try {
        compiled.add(
            new Compiled(
                e,
                glob(e.principal()),
                e.sourceIp() == null ? null : Cidr.parse(e.sourceIp()),
                glob(e.userAgent()),
                glob(e.invokedBy())));
      } catch (IllegalArgumentException problem) {
        throw new IllegalArgumentException(
            "field entries[" + i + "].source_ip: " + problem.getMessage());
      }
    }
    return new Allowlist(name, file, List.copyOf(compiled));
  }

  /** The list's name. */
  public String name() {
    return name;
  }

  /** Where the list was loaded from. */
  public String file() {
    return file;
  }

  /** The first entry matching {@code actor} as a short text for reports, or {@code null}. */
  public String match(Actor actor) {
    for (Compiled c : entries) {
      if (matches(c, actor)) {
        Entry e = c.entry();
        return e.note() != null ? e.note() : describe(e);
      }
    }
    return null;
  }

  /** Whether an entry names {@code account} (and nothing else): a trusted account. */
  public boolean trustsAccount(String account) {
    for (Compiled c : entries) {
      Entry e = c.entry();
      if (account.equals(e.account())
          && e.principal() == null
          && e.sourceIp() == null
          && e.userAgent() == null
          && e.invokedBy() == null) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Compiled c, Actor actor) {
    Entry e = c.entry();
    return (c.principal() == null
            || found(c.principal(), actor.arn())
            || found(c.principal(), actor.sessionIssuer()))
        && (e.account() == null || e.account().equals(actor.account()))
        && (c.sourceIp() == null || c.sourceIp().contains(actor.sourceIp()))
        && (c.userAgent() == null || found(c.userAgent(), actor.userAgent()))
        && (c.invokedBy() == null || found(c.invokedBy(), actor.invokedBy()));
  }

  private static boolean found(Pattern glob, String value) {
    return value != null && glob.matcher(value).matches();
  }

  private static String describe(Entry e) {
    List<String> parts = new ArrayList<>();
    add(parts, "principal", e.principal());
    add(parts, "account", e.account());
    add(parts, "source_ip", e.sourceIp());
    add(parts, "user_agent", e.userAgent());
    add(parts, "invoked_by", e.invokedBy());
    return String.join(", ", parts);
  }

  private static void add(List<String> parts, String field, String value) {
    if (value != null) {
      parts.add(field + "=" + value);
    }
  }

  /** {@code *} = any run of characters, everything else literal. */
  private static Pattern glob(String glob) {
    if (glob == null) {
      return null;
    }
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
