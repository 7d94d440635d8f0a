package io.tocsin.app.replay;

/** How replay reads its files. */
public enum ReplayFormat {
  /** Whole-file JSON document, JSON array or JSON lines, each decoded by shape. */
  AUTO,
  /** CloudWatch Logs subscription payloads (decoded JSON or gzip+base64). */
  CWL,
  /** CloudTrail events or {@code {"Records": [...]}} bodies. */
  CLOUDTRAIL,
  /** EventBridge envelopes. */
  EVENTBRIDGE,
  /** Plain text: each line is one log message of {@code --log-group}. */
  LINES
}
