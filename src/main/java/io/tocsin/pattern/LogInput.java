package io.tocsin.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One event as filter patterns see it: the raw message, its JSON object form and its
 * space-delimited fields, each worked out at most once and shared by every pattern evaluated
 * against the event. A JSON message is parsed into a tree of only the root members the patterns
 * read (a pattern set names them all before the first parse; a later need for other members parses
 * again): the rest is scanned, which also decides whether the message is JSON at all, but not
 * built. Not thread-safe: use one instance per event on one thread.
 */
public final class LogInput {
  private String message;
  private Supplier<String> messageSource;
  private JsonNode json;
  private boolean jsonResolved;

  /** The root members {@link #json} holds; null when it holds them all. */
  private Set<String> jsonKeys;

  /** The root members the patterns about to be evaluated read; null when any. */
  private Set<String> expectedKeys = Set.of();

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
   * {@code node} that is not an object matches no JSON pattern (filter-patterns.md §A20).
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

  /**
   * Announces the root members the patterns about to be evaluated read ({@code null}: any), so the
   * first parse builds them all at once.
   */
  void expectJsonKeys(Set<String> keys) {
    expectedKeys = keys;
  }

  /**
   * The event as a JSON object holding at least the root members {@code keys} ({@code null}: all of
   * them), or null when it is not a JSON object; parsed on first use, again only when it lacks one
   * of {@code keys}.
   */
  JsonNode jsonObject(Set<String> keys) {
    if (jsonResolved && (json == null || jsonKeys == null || holds(keys))) {
      return json;
    }
    Set<String> wanted = union(union(jsonResolved ? jsonKeys : Set.of(), keys), expectedKeys);
    json = JsonEvents.parseObject(message(), wanted);
    jsonKeys = wanted;
    jsonResolved = true;
    return json;
  }

  /** Whether the event is a JSON object; decides it without building any member. */
  boolean isJsonObject() {
    return jsonObject(Set.of()) != null;
  }

  private boolean holds(Set<String> keys) {
    return keys != null && jsonKeys.containsAll(keys);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (a == null || b == null) {
      return null;
    }
    if (b.isEmpty() || a.containsAll(b)) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    Set<String> both = new HashSet<>(a);
    both.addAll(b);
    return both;
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
