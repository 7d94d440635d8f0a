package io.tocsin.config;

import java.util.List;

/**
 * How {@code tocsin run} writes its log on stderr ({@code logging:} in the config).
 *
 * @param format {@code text} (one human-readable line per event) or {@code json} (one JSON object
 *     per line with time, level, logger, thread, message, MDC such as the shard id, and the stack
 *     trace, for log shippers); default {@code text}
 */
public record LoggingSettings(String format) {

  /** The accepted values of {@link #format}. */
  public static final List<String> FORMATS = List.of("text", "json");

  /** The defaults, as documented on each field. */
  public static LoggingSettings defaults() {
    return new LoggingSettings("text");
  }

  /** Validates the format. */
  public LoggingSettings {
    if (format == null || !FORMATS.contains(format)) {
      throw new ConfigException("format", "expected text or json, got '" + format + "'");
    }
  }

  /** Whether events are written as JSON lines. */
  public boolean json() {
    return format.equals("json");
  }
}
