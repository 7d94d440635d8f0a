package io.tocsin.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One event as filter patterns see it: the raw message, its JSON object form and its
 * space-delimited fields, each worked out at most once and shared by every pattern evaluated
 * against the event. Not thread-safe: use one instance per event on one thread.
 */
public final class LogInput {
  private String message;
  private Supplier<String> messageSource;
  private JsonNode json;
  private boolean jsonResolved;
  private EventFields fields;

  private LogInput(
      String message, Supplier<String> messageSource, JsonNode json, boolean jsonResolved) {
    this.message = message;
    this.messageSource = messageSource;
    this.json = json;
    this.jsonResolved = jsonResolved;
  }

  /**
   * A log line. It is parsed as JSON lazily, the first time a JSON or delimited pattern needs it,
   * and the outcome (including "not JSON") is kept.
   */
  public static LogInput ofMessage(String message) {
    return new LogInput(Objects.requireNonNull(message, "message"), null, null, false);
  }

  /**
   * An event that is already parsed (a CloudTrail record): JSON patterns read {@code node} and are
   * never re-parsed; term and regex patterns search {@code rawText}, the event as received. A
   * {@code node} that is not an object matches no JSON pattern (Ambiguity A20).
   */
  public static LogInput ofJson(JsonNode node, String rawText) {
    Objects.requireNonNull(rawText, "rawText");
    return ofJson(node, () -> rawText);
  }

  /**
   * An already parsed event whose text term and regex patterns search is only made, by {@code
   * rawText}, when the first of them needs it: most events meet JSON patterns only.
   */
  public static LogInput ofJson(JsonNode node, Supplier<String> rawText) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(rawText, "rawText");
    return new LogInput(null, rawText, node.isObject() ? node : null, true);
  }

  /** The raw message text that term and regex patterns search. */
  public String message() {
    if (message == null) {
      message = Objects.requireNonNull(messageSource.get(), "rawText");
      messageSource = null;
    }
    return message;
  }

  /** The event as a JSON object, or null when it is not one; parsed on first use only. */
  JsonNode jsonObject() {
    if (!jsonResolved) {
      json = JsonEvents.parseObject(message());
      jsonResolved = true;
    }
    return json;
  }

  /** The space-delimited fields of the message; split on first use only. */
  EventFields fields() {
    if (fields == null) {
      fields = EventFields.split(message());
    }
    return fields;
  }

  @Override
  public String toString() {
    return message();
  }
}
