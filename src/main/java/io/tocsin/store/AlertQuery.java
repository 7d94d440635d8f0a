package io.tocsin.store;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertLabels;
import io.tocsin.model.DeployContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which current alerts to list and how.
 *
 * @param filters label name (one of {@link #FILTERS}) to the values accepted for it: an alert must
 *     have one of the values of every name given
 * @param text case-insensitive text the title must contain (or the fingerprint start with), or
 *     {@code null}
 * @param from with {@code to}: only alerts whose incident (from {@code startsAt} to {@code endsAt},
 *     or still firing) overlaps the range; {@code null} = unbounded
 * @param to the end of the range; {@code null} = unbounded
 * @param sort the order
 * @param limit the most alerts on a page
 * @param after the position to continue after (from the previous page), or {@code null}
 */
public record AlertQuery(
    Map<String, List<String>> filters,
    String text,
    Instant from,
    Instant to,
    AlertSort sort,
    int limit,
    AlertCursor after) {

  /**
   * The names an alert list can be filtered on: labels (see {@link AlertLabels}) and {@code
   * deploy}, the id of the deployment in the alert's {@code context.deploy}.
   */
  public static final List<String> FILTERS =
      List.of("status", "severity", "rule", "tag", "account", "principal", "log_group", "deploy");

  private static final String DEPLOY = "deploy";

  /** Validates the filter names, range, limit and cursor. */
  public AlertQuery {
    filters = filters == null ? Map.of() : copy(filters);
    for (String name : filters.keySet()) {
      if (!FILTERS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown filter '" + name + "'; filters are " + String.join(", ", FILTERS));
      }
    }
    text = text == null || text.isBlank() ? null : text.strip();
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to");
    }
    sort = sort == null ? AlertSort.STATUS : sort;
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (after != null && after.sort() != sort) {
      throw new IllegalArgumentException(
          "cursor belongs to sort=" + after.sort().label() + ", not sort=" + sort.label());
    }
  }

  /** Every current alert, newest first, {@code limit} at a time. */
  public static AlertQuery all(int limit) {
    return new AlertQuery(Map.of(), null, null, null, AlertSort.NEWEST, limit, null);
  }

  /** Whether {@code alert} passes the filters, text and range (the cursor is not checked). */
  public boolean matches(Alert alert) {
    for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
      List<String> values =
          filter.getKey().equals(DEPLOY)
              ? deployIds(alert)
              : AlertLabels.values(alert, filter.getKey());
      if (values.stream().noneMatch(filter.getValue()::contains)) {
        return false;
      }
    }
    if (text != null && !mentions(alert, text.toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (to != null && alert.startsAt() != null && alert.startsAt().isAfter(to)) {
      return false;
    }
    return from == null || alert.endsAt() == null || !alert.endsAt().isBefore(from);
  }

  /** Whether the title contains {@code text} or the fingerprint starts with it. */
  private static boolean mentions(Alert alert, String text) {
    return (alert.title() != null && alert.title().toLowerCase(Locale.ROOT).contains(text))
        || (alert.fingerprint() != null && alert.fingerprint().startsWith(text));
  }

  /** Whether {@code alert} is on a page of this query: it matches and comes after the cursor. */
  public boolean selects(Alert alert) {
    return matches(alert) && (after == null || after.precedes(alert));
  }

  private static List<String> deployIds(Alert alert) {
    DeployContext deploy = DeployContext.in(alert.context());
    return deploy == null || deploy.id() == null ? List.of() : List.of(deploy.id());
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> filters) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    filters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Map.copyOf(copy);
  }
}
