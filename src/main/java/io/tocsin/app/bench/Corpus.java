package io.tocsin.app.bench;

import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.sample.KinesisRecords;
import io.tocsin.sample.SampleTraffic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated input every figure of one bench run is measured on, from {@link SampleTraffic}'s
 * seeded Lambda, API Gateway and CloudTrail events: as Kinesis carries them (gzip'd CloudWatch Logs
 * subscription records, EventBridge records) for the decode figures, and as decoded events for the
 * matching and end-to-end figures.
 *
 * @param logRecords gzip'd CloudWatch Logs subscription records holding {@code logs}
 * @param logs the log events, in record order
 * @param cloudTrailRecords one EventBridge record per event of {@code cloudTrail}
 * @param cloudTrail the CloudTrail events, in record order
 */
public record Corpus(
    List<byte[]> logRecords,
    List<LogEvent> logs,
    List<byte[]> cloudTrailRecords,
    List<CloudTrailEvent> cloudTrail) {

  private static final String FILTER_NAME = "tocsin-bench";
  private static final int INVOCATIONS_PER_SECOND = 1000;

  /**
   * At least {@code logEvents} log events (whole seconds of traffic at 1,000 Lambda invocations a
   * second, from {@code origin} on) and {@code cloudTrailEvents} CloudTrail events (all in the
   * second at {@code origin}), from {@code seed}.
   */
  public static Corpus generate(long seed, int logEvents, int cloudTrailEvents, Instant origin) {
    List<byte[]> logRecords = new ArrayList<>();
    List<LogEvent> logs = new ArrayList<>(logEvents + INVOCATIONS_PER_SECOND * 8);
    SampleTraffic lambda = new SampleTraffic(seed, INVOCATIONS_PER_SECOND, origin);
    for (Instant second = origin; logs.size() < logEvents; second = second.plusSeconds(1)) {
      List<LogEvent> batch = lambda.second(second).logs();
      logs.addAll(batch);
      KinesisRecords.cloudWatchLogs(batch, FILTER_NAME).forEach(e -> logRecords.add(e.data()));
    }
    List<byte[]> trailRecords = new ArrayList<>(cloudTrailEvents);
    List<CloudTrailEvent> trail = new ArrayList<>(cloudTrailEvents);
    SampleTraffic cloudTrailOnly = new SampleTraffic(seed + 1, 0, origin);
    // Every CloudTrail event within the first second: one a second would date the last of 20,000
    // hours ahead, and the broker refuses records (alerts) stamped over an hour in the future.
    while (trail.size() < cloudTrailEvents) {
      for (CloudTrailEvent event : cloudTrailOnly.second(origin).cloudTrail()) {
        trail.add(event);
        trailRecords.add(KinesisRecords.eventBridge(event).data());
      }
    }
    return new Corpus(
        List.copyOf(logRecords), List.copyOf(logs), List.copyOf(trailRecords), List.copyOf(trail));
  }

  /** Total bytes of the log records, as Kinesis carries them. */
  public long logRecordBytes() {
    return logRecords.stream().mapToLong(r -> r.length).sum();
  }
}
