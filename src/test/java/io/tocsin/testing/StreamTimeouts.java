package io.tocsin.testing;

import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Lambda timeouts per log stream, and a rule directory with one Lambda-timeout rule grouped by log
 * stream: its incidents are not keyed like {@code tocsin.logs.v1}, so its matches are folded and
 * cross the incident repartition, while the default {@code lambda-task-timeout} rule (grouped by
 * log group) tracks the same events in place.
 */
public final class StreamTimeouts {

  /** The rule's id. */
  public static final String ID = "lambda-timeout-per-stream";

  private static final String TIMEOUT =
      "2020-02-04T00:26:18.068Z b3c55437-3847-4230-a1ed-0e94425372e8 Task timed out after 3.00"
          + " seconds";

  private StreamTimeouts() {}

  /** A real Lambda timeout line of {@code logGroup}, stream {@code logStream}, at {@code at}. */
  public static LogEvent timeout(Instant at, String logGroup, String logStream, String id) {
    return new LogEvent(
        "123456789012",
        logGroup,
        logStream,
        id,
        at.toEpochMilli(),
        TIMEOUT,
        SourcePosition.kinesis("logs", "shardId-000000000000", id));
  }

  /** Writes the per-stream rule file into {@code dir} and returns {@code dir}. */
  public static Path ruleDir(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("per-stream.yaml"),
          """
          rules:
            - id: %s
              title: Lambda task timed out in one log stream
              source: logs
              pattern: '"Task timed out after"'
              log_groups: ["/aws/lambda/*"]
              group_by: [log_stream]
              severity: medium
              suppression: 5m
          """
              .formatted(ID));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
