package io.tocsin.fault;

import static org.awaitility.Awaitility.await;

import io.tocsin.app.bench.ExpectedIncidents;
import io.tocsin.app.bench.GroupProgress;
import io.tocsin.ingest.kinesis.IngestTestBed;
import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.RuleLoader;
import io.tocsin.sample.KinesisRecords;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lambda log traffic for the fault tests: every message unique (so loss and re-reads can be
 * counted), and every fourth record a timeout in one of a fixed set of log groups (so the incidents
 * it must open, one per log group under the default pack, are known beforehand). Times are now, so
 * no incident goes quiet during a test.
 */
final class FaultTraffic {

  /** Log events in each record. */
  static final int EVENTS_PER_RECORD = 3;

  private static final int PER_PUT = 10;

  private final String name;
  private final int groups;
  private final Instant at = Instant.now();
  private final ExpectedIncidents expected = new ExpectedIncidents(RuleLoader.load(List.of()));

  /** Traffic tagged {@code name} over {@code groups} log groups. */
  FaultTraffic(String name, int groups) {
    this.name = name;
    this.groups = groups;
  }

  /** The events of records {@code from} (inclusive) to {@code to} (exclusive). */
  List<LogEvent> events(int from, int to) {
    List<LogEvent> events = new ArrayList<>();
    for (int r = from; r < to; r++) {
      events.addAll(record(r));
    }
    return events;
  }

  /** Records {@code from} to {@code to} as CloudWatch Logs puts them on Kinesis (gzip). */
  List<byte[]> records(int from, int to) {
    List<byte[]> records = new ArrayList<>();
    for (int r = from; r < to; r++) {
      records.add(KinesisRecords.cloudWatchLogs(record(r), name).get(0).data());
    }
    return records;
  }

  private List<LogEvent> record(int r) {
    String group = String.format(Locale.ROOT, "/aws/lambda/%s-%03d", name, r % groups);
    String request = name + "-" + r;
    List<LogEvent> events = new ArrayList<>();
    events.add(event(group, r, 0, "START RequestId: " + request + " Version: $LATEST"));
    events.add(
        event(
            group,
            r,
            1,
            r % 4 == 0
                ? at + " " + request + " Task timed out after 3.00 seconds"
                : at + "\t" + request + "\tINFO\thandled"));
    events.add(event(group, r, 2, "END RequestId: " + request));
    events.forEach(expected::add);
    return events;
  }

  private LogEvent event(String group, int r, int i, String message) {
    return new LogEvent(
        "123456789012",
        group,
        "2026/11/26/[$LATEST]fault",
        r + "-" + i,
        at.toEpochMilli() + r,
        message,
        new SourcePosition("test", name, "", r + "-" + i));
  }

  /** Whether {@code event} belongs to this traffic. */
  boolean ours(LogEvent event) {
    return event.logGroup().startsWith("/aws/lambda/" + name + "-");
  }

  /** Whether {@code alert} is about this traffic. */
  boolean ours(Alert alert) {
    return expected.fingerprints().contains(alert.fingerprint());
  }

  /** The incidents the records made so far must open. */
  ExpectedIncidents expected() {
    return expected;
  }

  /** How many distinct messages of this traffic are in {@code events}. */
  long distinct(List<LogEvent> events) {
    return events.stream().filter(this::ours).map(LogEvent::message).distinct().count();
  }

  /**
   * A daemon thread (not started) that puts {@code records} on {@code stream} ten at a time, 150 ms
   * apart, so that ingest is still busy when a fault strikes.
   */
  static Thread trickle(IngestTestBed bed, String stream, List<byte[]> records) {
    Thread thread =
        new Thread(
            () -> {
              for (int from = 0; from < records.size(); from += PER_PUT) {
                bed.put(stream, records.subList(from, Math.min(records.size(), from + PER_PUT)));
                try {
                  Thread.sleep(150);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            },
            "fault-put-" + stream);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Waits until every event of the first {@code records} records of this traffic, put on Kinesis
   * {@code stream}, is on {@code tocsin.logs.v1} and the detection application ({@code group}) has
   * processed all of that topic; returns what arrived, as {@code test}.
   */
  FaultFigures settle(
      IngestTestBed bed, String test, int records, String stream, String group, Duration wait) {
    int total = records * EVENTS_PER_RECORD;
    await()
        .atMost(wait)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> distinct(bed.read(Topics.LOGS, this::ours)) == total);
    try (GroupProgress detect = new GroupProgress(bed.kafka(), group)) {
      await()
          .atMost(wait)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> detect.lag(Topics.LOGS.name()) == 0);
    }
    List<LogEvent> in = bed.read(Topics.LOGS, this::ours);
    return new FaultFigures(
        test,
        total,
        distinct(in),
        in.size(),
        expected.check(bed.read(Topics.ALERTS, this::ours)),
        bed.read(Topics.DEADLETTER, d -> d.source().stream().equals(stream)).size());
  }
}
