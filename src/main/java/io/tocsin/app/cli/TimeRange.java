package io.tocsin.app.cli;

import io.tocsin.config.ConfigException;
import io.tocsin.config.Durations;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --since}, {@code --from} and {@code --to}: a time range as API query parameters. */
final class TimeRange {

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description = "the last DURATION up to now, e.g. 30m, 24h, 7d")
  String since;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "start, ISO-8601, e.g. 2026-11-25T00:00:00Z")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "end, ISO-8601")
  String to;

  /** {@code from} and {@code to} for the API; {@code --since} becomes {@code from}. */
  Map<String, Object> params(Clock clock) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (since != null) {
      if (from != null) {
        throw new UserException("give --since or --from, not both");
      }
      try {
        params.put("from", clock.instant().minus(Durations.parse("--since", since)).toString());
      } catch (ConfigException e) {
        throw new UserException(e.getMessage());
      }
    } else {
      params.put("from", from);
    }
    params.put("to", to);
    return params;
  }
}
