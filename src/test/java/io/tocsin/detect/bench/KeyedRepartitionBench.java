package io.tocsin.detect.bench;

import io.tocsin.app.bench.Corpus;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.DetectionDriver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * What the keyed and first-seen detectors cost the CloudTrail path: pushes the bench's generated
 * CloudTrail corpus through the production detection topology (default pack) on a
 * TopologyTestDriver and prints the records and bytes written to the keyed and first-seen
 * repartition topics, and events/s. The driver commits after every record, so events/s compares
 * builds with each other, not with {@code tocsin bench}.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(deps)
 * io.tocsin.detect.bench.KeyedRepartitionBench [events]} (default 100,000).
 */
public final class KeyedRepartitionBench {

  private static final String[] TOPICS = {
    "cloudtrail-keyed-candidates", "cloudtrail-first-seen-candidates"
  };

  private KeyedRepartitionBench() {}

  /** Runs the measurement; {@code args[0]}: how many CloudTrail events. */
  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Instant origin = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<CloudTrailEvent> corpus = Corpus.generate(42, 0, events, origin).cloudTrail();
    try (DetectionDriver warm = new DetectionDriver(RuleLoader.load(List.of(), true), origin)) {
      corpus.stream().limit(events / 10).forEach(warm::pipe);
    }
    try (DetectionDriver driver = new DetectionDriver(RuleLoader.load(List.of(), true), origin)) {
      long start = System.nanoTime();
      corpus.forEach(driver::pipe);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%,d CloudTrail events in %.2f s: %,.0f events/s%n",
          corpus.size(),
          seconds,
          corpus.size() / seconds);
      for (String topic : TOPICS) {
        List<byte[]> values = driver.repartitioned(topic);
        long bytes = values.stream().mapToLong(v -> v == null ? 0 : v.length).sum();
        System.out.printf(
            Locale.ROOT,
            "%s: %,d records (%.1f %% of events), %,d value bytes (%.0f per record)%n",
            topic,
            values.size(),
            100.0 * values.size() / corpus.size(),
            bytes,
            values.isEmpty() ? 0.0 : (double) bytes / values.size());
      }
    }
  }
}
