package io.tocsin.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration that cannot be used: one or more {@link ConfigError}s, each naming where the value
 * came from (file, line and column, or environment variable), the key and what was expected. The
 * message is meant for the user as is: one line per error.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigError> errors;

  /** A problem with {@code key} (dotted path relative to the record that threw it). */
  public ConfigException(String key, String problem) {
    this(List.of(ConfigError.unlocated(key, problem)));
  }

  /** A problem located in a file or the environment; {@code where} prefixes the message. */
  public ConfigException(String where, String key, String problem) {
    this(List.of(new ConfigError(where, 0, 0, key, problem, null)));
  }

  /** Every error found, in file order; at least one. */
  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::text).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** Every error, one per key. */
  public List<ConfigError> errors() {
    return errors;
  }

  /** The dotted key of the first error, e.g. {@code kafka.partitions}. */
  public String key() {
    return errors.get(0).key();
  }

  /** The first error's problem without source and key, for re-wrapping with a location. */
  public String problem() {
    return errors.get(0).problem();
  }
}
