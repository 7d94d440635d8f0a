package io.tocsin.query;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Severity;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a new silence's matchers against what alerts can carry: a matcher on {@code rule}, {@code
 * severity}, {@code status} or {@code kind} that no possible value satisfies is worth a warning
 * (most often a typo: {@code severity=critcal}); a silence whose every matcher accepts every value
 * ({@code rule=~.*}) would silence everything, and is refused unless forced. Matchers are evaluated
 * by {@link LabelMatcher} itself, on probe alerts carrying each candidate value.
 */
final class SilenceCheck {

  /** Values an open label (account, log group, principal, tag, routing labels) may take. */
  private static final List<String> OPEN_PROBES =
      List.of(
          "",
          "x",
          "123456789012",
          "us-east-1",
          "/aws/lambda/orders-api",
          "arn:aws:iam::123456789012:user/alice",
          "arn:aws:sts::123456789012:assumed-role/deploy/session",
          "T1098",
          "team-a",
          "Zz-9_ .:/@+=");

  private final Map<String, Set<String>> closed;

  /** A check against the values {@code rules} can raise. */
  SilenceCheck(RuleSet rules) {
    Set<String> ruleIds = new TreeSet<>();
    rules.all().forEach(r -> ruleIds.add(r.id()));
    this.closed =
        Map.of(
            "rule", ruleIds,
            "severity", labels(Arrays.stream(Severity.values()).map(Severity::label).toList()),
            "status", labels(Arrays.stream(AlertStatus.values()).map(AlertStatus::label).toList()),
            "kind", labels(Arrays.stream(Rule.Kind.values()).map(Rule.Kind::label).toList()));
  }

  /**
   * The warnings for {@code matchers}: one per matcher no alert of the loaded rules can satisfy.
   */
  List<String> warnings(List<LabelMatcher> matchers) {
    List<String> warnings = new ArrayList<>();
    for (LabelMatcher m : matchers) {
      Set<String> known = closed.get(m.name());
      if (known != null && known.stream().noneMatch(v -> m.matches(probe(m.name(), v)))) {
        warnings.add(
            m.name().equals("rule")
                ? "matcher " + m + " matches no rule loaded here (GET /api/rules lists them)"
                : "matcher "
                    + m
                    + " matches no "
                    + m.name()
                    + "; values are "
                    + String.join(", ", known));
      }
    }
    return warnings;
  }

  /** Whether every matcher accepts every value its label can take: the silence covers all. */
  boolean coversEverything(List<LabelMatcher> matchers) {
    return matchers.stream().allMatch(this::acceptsAll);
  }

  private boolean acceptsAll(LabelMatcher m) {
    Set<String> known = closed.get(m.name());
    List<String> values = new ArrayList<>(known != null ? known : OPEN_PROBES);
    if (known == null) {
      values.add(m.value()); // so that name!=value and name!~value never count as universal
    }
    return values.stream().allMatch(v -> m.matches(probe(m.name(), v)));
  }

  /** An alert whose label {@code name} is {@code value} (for closed labels, a known value). */
  private static Alert probe(String name, String value) {
    Severity severity =
        name.equals("severity") ? Severity.valueOf(value.toUpperCase(Locale.ROOT)) : Severity.INFO;
    AlertStatus status =
        name.equals("status")
            ? AlertStatus.valueOf(value.toUpperCase(Locale.ROOT))
            : AlertStatus.FIRING;
    Alert.AlertRule rule =
        new Alert.AlertRule(
            name.equals("rule") ? value : "",
            "",
            name.equals("kind") ? value : "",
            severity,
            name.equals("tag") ? List.of(value) : List.of());
    Instant at = Instant.EPOCH;
    return new Alert(
        Alert.SCHEMA_VERSION,
        "",
        "",
        status,
        rule,
        "",
        "",
        at,
        at,
        null,
        0,
        null,
        null,
        List.of(),
        List.of(),
        Map.of(name, value),
        null);
  }

  private static Set<String> labels(List<String> values) {
    return new TreeSet<>(values);
  }
}
