package io.tocsin.app.replay;

import io.tocsin.ingest.decode.DecodeResult;
import io.tocsin.ingest.decode.EventIdWindow;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Replays files through the same decoder as Kinesis ingestion and hands the events to a {@link
 * ReplaySink}: the detection topology ({@link DetectionReplaySink}) or the per-event rule matches
 * ({@link MatchesReplaySink}).
 */
public final class Replay {

  private final ReplayFormat format;
  private final String logGroup;
  private final ReplayInput input;
  private final RecordDecoder decoder;
  private final ReplaySummary summary = new ReplaySummary();

  /**
   * A replay reading {@code format}; {@code logGroup} names plain lines' log group; {@code dedup}
   * drops CloudTrail events whose eventID was already seen, as live ingestion does.
   */
  public Replay(ReplayFormat format, String logGroup, String pointer, boolean dedup) {
    this.format = format;
    this.decoder =
        new RecordDecoder(
            Clock.systemUTC(),
            RecordDecoder.DEFAULT_MAX_INFLATED_BYTES,
            dedup
                ? EventIdWindow.defaults()
                : new EventIdWindow(0, Duration.ZERO, Clock.systemUTC()));
    this.logGroup = logGroup;
    this.input = new ReplayInput(pointer);
  }

  /** Reads every file under {@code paths} into {@code sink}; returns the summary. */
  public ReplaySummary run(List<Path> paths, ReplaySink sink) throws IOException {
    return run(paths, sink, ReplayProgress.NONE);
  }

  /**
   * Reads every file under {@code paths} into {@code sink}, reporting to {@code progress}; returns
   * the summary.
   */
  public ReplaySummary run(List<Path> paths, ReplaySink sink, ReplayProgress progress)
      throws IOException {
    List<Path> files = ReplayInput.files(paths);
    int[] read = {0};
    progress.update(0, files.size(), summary);
    for (Path file : files) {
      input.read(
          file,
          format == ReplayFormat.LINES,
          (bytes, source) -> {
            record(bytes, source, sink);
            progress.update(read[0], files.size(), summary);
          });
      read[0]++;
    }
    sink.finish(summary);
    return summary;
  }

  private void record(byte[] bytes, SourcePosition source, ReplaySink sink) {
    summary.records++;
    if (format == ReplayFormat.LINES) {
      String line = new String(bytes, StandardCharsets.UTF_8);
      summary.logEvents++;
      sink.log(
          new LogEvent(
              "000000000000",
              logGroup,
              Path.of(source.stream()).getFileName().toString(),
              source.offset(),
              leadingTimestamp(line),
              line,
              source));
      return;
    }
    DecodeResult result = decoder.decode(bytes, source);
    summary.controlMessages += result.controlMessages();
    summary.duplicates += result.duplicates();
    result.deadLetters().forEach(d -> summary.deadLetter(d.reason()));
    for (LogEvent event : result.logs()) {
      if (expects("cwl")) {
        summary.logEvents++;
        sink.log(event);
      } else {
        summary.deadLetter("unexpected_shape");
      }
    }
    for (CloudTrailEvent event : result.cloudTrail()) {
      if (expects(event.envelope())) {
        summary.cloudTrailEvents++;
        sink.cloudTrail(event);
      } else {
        summary.deadLetter("unexpected_shape");
      }
    }
  }

  /** Whether an event that arrived in {@code envelope} fits the chosen format. */
  private boolean expects(String envelope) {
    return switch (format) {
      case CWL -> envelope.equals("cwl");
      case CLOUDTRAIL -> envelope.equals("cloudtrail");
      case EVENTBRIDGE -> envelope.equals("eventbridge");
      default -> true;
    };
  }

  /** The ISO-8601 timestamp a line starts with, else the current time. */
  private static long leadingTimestamp(String line) {
    int end = line.indexOf(' ') > 0 ? line.indexOf(' ') : line.indexOf('\t');
    String first = end > 0 ? line.substring(0, end) : line;
    try {
      return Instant.parse(first).toEpochMilli();
    } catch (DateTimeParseException e) {
      return System.currentTimeMillis();
    }
  }

  /** Where replayed events go. */
  public interface ReplaySink {
    /** A decoded log event. */
    void log(LogEvent event);

    /** A decoded CloudTrail event. */
    void cloudTrail(CloudTrailEvent event);

    /** Called once after the last event, to flush and count. */
    void finish(ReplaySummary summary);
  }
}
