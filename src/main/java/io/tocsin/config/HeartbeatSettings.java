package io.tocsin.config;

import java.time.Duration;
import java.util.Locale;

/**
 * One dead-man heartbeat ({@code heartbeats:} list in the config): alert when a source has sent
 * nothing for {@code absentFor}, and resolve when it sends again — the pipeline watching itself.
 *
 * @param name unique name, used in the alert's fingerprint and title; required
 * @param source {@code logs} (watch a log group) or {@code cloudtrail} (watch an account's trail);
 *     required
 * @param key the log group name, or the account id; required
 * @param absentFor how long silence is tolerated; from 1m to 7d; default 15m
 * @param severity severity of the alert; default high
 */
public record HeartbeatSettings(
    String name, String source, String key, Duration absentFor, String severity) {

  /** Validates each field and fills the defaults. */
  public HeartbeatSettings {
    if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
      throw new ConfigException(
          "name", "expected lowercase letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    if (!"logs".equals(source) && !"cloudtrail".equals(source)) {
      throw new ConfigException("source", "expected logs or cloudtrail, got '" + source + "'");
    }
    if (key == null || key.isBlank()) {
      throw new ConfigException(
          "key", "expected the log group name (logs) or the account id (cloudtrail)");
    }
    absentFor = absentFor == null ? Duration.ofMinutes(15) : absentFor;
    if (absentFor.compareTo(Duration.ofMinutes(1)) < 0
        || absentFor.compareTo(Duration.ofDays(7)) > 0) {
      throw new ConfigException(
          "absent_for", "expected a duration from 1m to 7d, got " + Durations.format(absentFor));
    }
    severity = severity == null ? "high" : severity.toLowerCase(Locale.ROOT);
    if (!severity.matches("critical|high|medium|low|info")) {
      throw new ConfigException(
          "severity", "expected critical, high, medium, low or info, got '" + severity + "'");
    }
  }

  /** The key under which events of this source are recognised: {@code source:key}. */
  public String sourceKey() {
    return source + ":" + key;
  }
}
