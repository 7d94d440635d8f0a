package io.tocsin.config;

/**
 * One configuration error, located: printed as {@code file:line:column: key: message; hint}.
 *
 * @param source the file, {@code environment variable NAME}, or "" when the value has no place
 * @param line 1-based line in the file, 0 when not in a file
 * @param column 1-based column in the file, 0 when not in a file
 * @param key dotted key path, e.g. {@code kafka.partitions} or {@code heartbeats.0.absent_for}
 * @param message what is wrong and what was expected
 * @param hint a suggestion such as {@code did you mean 'partitions'?}, or {@code null}
 */
public record ConfigError(
    String source, int line, int column, String key, String message, String hint) {

  /** An error about {@code key} with no place (a default, or a value checked outside the file). */
  public static ConfigError unlocated(String key, String message) {
    return new ConfigError("", 0, 0, key, message, null);
  }

  /** The message with its hint, without source and key. */
  public String problem() {
    return hint == null ? message : message + "; " + hint;
  }

  /** The one-line form, e.g. {@code tocsin.yaml:3:15: kafka.partitions: expected …}. */
  public String text() {
    String where = source.isEmpty() ? "" : source + (line > 0 ? ":" + line + ":" + column : "");
    return (where.isEmpty() ? "" : where + ": ") + key + ": " + problem();
  }

  @Override
  public String toString() {
    return text();
  }
}
