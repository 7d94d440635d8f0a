package io.tocsin.sample;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts one second of {@link SampleTraffic} on a Kinesis stream every second, in real time, the way
 * a CloudWatch Logs subscription and an EventBridge rule would: the local stand-in for AWS.
 */
public final class KinesisTrafficPump implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisTrafficPump.class);
  private static final int MAX_RECORDS_PER_PUT = 500;

  private final SampleTraffic traffic;
  private final KinesisClient kinesis;
  private final String stream;
  private final Clock clock;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  /** A pump writing {@code traffic} to {@code stream} with {@code kinesis}. */
  public KinesisTrafficPump(
      SampleTraffic traffic, KinesisClient kinesis, String stream, Clock clock) {
    this.traffic = traffic;
    this.kinesis = kinesis;
    this.stream = stream;
    this.clock = clock;
    this.thread = new Thread(this::run, "sample-traffic");
    thread.setDaemon(true);
  }

  /** Starts sending. */
  public void start() {
    thread.start();
  }

  /** Events Kinesis has accepted so far. */
  public long accepted() {
    return accepted.get();
  }

  /** Events Kinesis refused so far (after retries). */
  public long failed() {
    return failed.get();
  }

  private void run() {
    // Each second's traffic is put once that second has passed, so no event is stamped later
    // than the wall clock when it reaches Kinesis (an alert never starts after its delivery).
    Instant second = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    while (running) {
      if (!sleepUntil(second.plusSeconds(1))) {
        return;
      }
      SampleTraffic.Batch batch = traffic.second(second);
      List<KinesisRecords.Entry> entries =
          new ArrayList<>(KinesisRecords.cloudWatchLogs(batch.logs(), "tocsin-local"));
      batch.cloudTrail().forEach(e -> entries.add(KinesisRecords.eventBridge(e)));
      try {
        for (int from = 0; from < entries.size(); from += MAX_RECORDS_PER_PUT) {
          put(entries.subList(from, Math.min(entries.size(), from + MAX_RECORDS_PER_PUT)), 3);
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("sample traffic not accepted by Kinesis: {}", e.getMessage());
        }
      }
      second = second.plusSeconds(1);
    }
  }

  /** Sleeps until the wall clock reaches {@code at}; false when interrupted. */
  private boolean sleepUntil(Instant at) {
    long sleep = at.toEpochMilli() - clock.millis();
    if (sleep > 0) {
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        return false;
      }
    }
    return true;
  }

  /** Puts {@code entries}, re-putting the ones Kinesis rejected up to {@code attempts} times. */
  private void put(List<KinesisRecords.Entry> entries, int attempts) {
    PutRecordsResponse response =
        kinesis.putRecords(
            r ->
                r.streamName(stream)
                    .records(
                        entries.stream()
                            .map(
                                e ->
                                    PutRecordsRequestEntry.builder()
                                        .partitionKey(e.partitionKey())
                                        .data(SdkBytes.fromByteArray(e.data()))
                                        .build())
                            .toList()));
    List<KinesisRecords.Entry> rejected = new ArrayList<>();
    List<PutRecordsResultEntry> results = response.records();
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).errorCode() == null) {
        accepted.addAndGet(entries.get(i).events());
      } else {
        rejected.add(entries.get(i));
      }
    }
    if (!rejected.isEmpty() && attempts > 1) {
      put(rejected, attempts - 1);
    } else {
      rejected.forEach(e -> failed.addAndGet(e.events()));
    }
  }

  /** Stops sending. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
