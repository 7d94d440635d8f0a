package io.tocsin.store;

import io.tocsin.model.Alert;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One page of an alert list.
 *
 * @param alerts at most the query's limit, in its order
 * @param next where the next page starts, or {@code null} on the last page
 */
public record AlertPage(List<Alert> alerts, AlertCursor next) {

  /** Normalises an absent list to an empty one. */
  public AlertPage {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  /** The page of {@code query} from {@code selected}: alerts it selects, in any order. */
  public static AlertPage of(AlertQuery query, Collection<Alert> selected) {
    return cut(query, selected, false);
  }

  /**
   * Merges pages of the same query answered by several instances, each over its own alerts, into
   * the page the query would give over all of them.
   */
  public static AlertPage merge(AlertQuery query, Collection<AlertPage> pages) {
    List<Alert> all = new ArrayList<>();
    boolean more = false;
    for (AlertPage page : pages) {
      all.addAll(page.alerts());
      more |= page.next() != null;
    }
    return cut(query, all, more);
  }

  private static AlertPage cut(AlertQuery query, Collection<Alert> alerts, boolean more) {
    Comparator<Alert> order =
        Comparator.comparing(a -> AlertCursor.of(query.sort(), a), query.sort().order());
    List<Alert> sorted = alerts.stream().sorted(order).toList();
    if (sorted.size() <= query.limit() && !more) {
      return new AlertPage(sorted, null);
    }
    List<Alert> kept = sorted.subList(0, Math.min(query.limit(), sorted.size()));
    AlertCursor next =
        kept.isEmpty() ? null : AlertCursor.of(query.sort(), kept.get(kept.size() - 1));
    return new AlertPage(kept, next);
  }
}
