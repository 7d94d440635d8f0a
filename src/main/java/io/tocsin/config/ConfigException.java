package io.tocsin.config;

/**
 * A configuration value that cannot be used. The message names where the value came from (file and
 * line, or environment variable), the key and what was expected; it is meant for the user as is.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  /** A problem with {@code key} (dotted path relative to the record that threw it). */
  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  /** A problem located in a file or the environment; {@code where} prefixes the message. */
  public ConfigException(String where, String key, String problem) {
    super(where + ": " + key + ": " + problem);
    this.key = key;
  }

  /** The dotted key the problem is about, e.g. {@code kafka.partitions}. */
  public String key() {
    return key;
  }

  /** The problem without the key prefix, for re-wrapping with a location. */
  public String problem() {
    String message = getMessage();
    return message.substring(message.lastIndexOf(key + ": ") + key.length() + 2);
  }
}
