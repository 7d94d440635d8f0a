package io.tocsin.rules;

import io.tocsin.config.Spelling;
import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.MetricValueSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields that separate one rule's incidents, e.g. one incident per log group, or per principal
 * and account. A field is a name ({@code log_group}, {@code log_stream}, {@code owner}; for
 * CloudTrail {@code account}, {@code region}, {@code principal}, {@code identity} (an assumed
 * role's role, else the principal), {@code event_source}, {@code event_name}, {@code source_ip},
 * {@code user_agent}) or a selector into the event: {@code $.path.in.json} or, for space-delimited
 * patterns, {@code $N} / {@code $name}.
 */
public final class GroupKey {

  /** Field names for logs rules. */
  public static final Set<String> LOG_FIELDS = Set.of("log_group", "log_stream", "owner");

  /** Field names for cloudtrail rules. */
  public static final Set<String> CLOUDTRAIL_FIELDS =
      Set.of(
          "account",
          "region",
          "principal",
          "identity",
          "event_source",
          "event_name",
          "source_ip",
          "source_network",
          "user_agent");

  private final List<String> names;
  private final List<MetricValueSelector> selectors;

  private GroupKey(List<String> names, List<MetricValueSelector> selectors) {
    this.names = names;
    this.selectors = selectors;
  }

  /**
   * Compiles {@code fields} for a rule of {@code source} with {@code pattern}.
   *
   * @throws IllegalArgumentException naming the field that is not known or not a valid selector
   */
  static GroupKey compile(List<String> fields, Rule.Source source, FilterPattern pattern) {
    Set<String> known = source == Rule.Source.LOGS ? LOG_FIELDS : CLOUDTRAIL_FIELDS;
    List<MetricValueSelector> selectors = new ArrayList<>();
    for (String field : fields) {
      if (field.startsWith("$")) {
        selectors.add(pattern.metricValue(field));
      } else if (known.contains(field)) {
        selectors.add(null);
      } else {
        throw new IllegalArgumentException(
            "unknown field '" + field + "'; expected one of " + known + " or a $selector");
      }
    }
    return new GroupKey(List.copyOf(fields), selectors);
  }

  /**
   * "Did you mean" for the first of {@code fields} that is not a known field of {@code source} (nor
   * a selector), or {@code null}.
   */
  static String didYouMean(List<String> fields, Rule.Source source) {
    Set<String> known = source == Rule.Source.LOGS ? LOG_FIELDS : CLOUDTRAIL_FIELDS;
    return fields.stream()
        .filter(f -> !f.startsWith("$") && !known.contains(f))
        .findFirst()
        .map(f -> Spelling.didYouMean(f, known))
        .orElse(null);
  }

  /** The group of {@code event}: field name to value ({@code ""} when absent), in rule order. */
  public Map<String, String> of(RuleEvent event) {
    Map<String, String> group = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      MetricValueSelector selector = selectors.get(i);
      String value =
          selector == null
              ? event.field(names.get(i))
              : selector.textOf(event.input()).orElse(null);
      group.put(names.get(i), value == null ? "" : value);
    }
    return group;
  }

  /** A canonical text of {@code group} for fingerprints: {@code name=value} lines. */
  public static String render(Map<String, String> group) {
    StringBuilder text = new StringBuilder();
    group.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString();
  }

  /** The field names, in order. */
  public List<String> names() {
    return names;
  }
}
