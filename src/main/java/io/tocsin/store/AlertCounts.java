package io.tocsin.store;

import io.tocsin.model.Alert;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Incident counts for a {@link CountQuery}. Hour buckets cover the whole range (empty hours count
 * 0) in time order; rule and severity buckets are largest first.
 *
 * @param by the grouping
 * @param from the start of the range
 * @param to the end of the range
 * @param total the sum of all buckets
 * @param buckets one per rule, severity or hour
 */
public record AlertCounts(
    CountQuery.By by, Instant from, Instant to, long total, List<Bucket> buckets) {

  /** Normalises an absent list to an empty one. */
  public AlertCounts {
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
  }

  /** One group and its count. */
  public record Bucket(String key, long count) {}

  /** The bucket key of {@code alert} under {@code by}. */
  public static String keyOf(CountQuery.By by, Alert alert) {
    return switch (by) {
      case RULE -> alert.rule().id();
      case SEVERITY -> alert.rule().severity().label();
      case HOUR -> alert.updatedAt().truncatedTo(ChronoUnit.HOURS).toString();
    };
  }

  /** The counts of {@code query} from tallies by bucket key. */
  public static AlertCounts of(CountQuery query, Map<String, Long> tallies) {
    Map<String, Long> all = new TreeMap<>(tallies);
    if (query.by() == CountQuery.By.HOUR) {
      Instant hour = query.from().truncatedTo(ChronoUnit.HOURS);
      for (; hour.isBefore(query.to()); hour = hour.plus(1, ChronoUnit.HOURS)) {
        all.putIfAbsent(hour.toString(), 0L);
      }
    }
    Comparator<Bucket> order =
        query.by() == CountQuery.By.HOUR
            ? Comparator.comparing(Bucket::key)
            : Comparator.comparingLong(Bucket::count).reversed().thenComparing(Bucket::key);
    List<Bucket> buckets =
        all.entrySet().stream()
            .map(e -> new Bucket(e.getKey(), e.getValue()))
            .sorted(order)
            .toList();
    long total = buckets.stream().mapToLong(Bucket::count).sum();
    return new AlertCounts(query.by(), query.from(), query.to(), total, buckets);
  }

  /** Sums the counts of the same query answered by several instances. */
  public static AlertCounts merge(CountQuery query, Collection<AlertCounts> parts) {
    Map<String, Long> tallies = new TreeMap<>();
    for (AlertCounts part : parts) {
      part.buckets().forEach(b -> tallies.merge(b.key(), b.count(), Long::sum));
    }
    return of(query, tallies);
  }
}
