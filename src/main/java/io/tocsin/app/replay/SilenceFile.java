package io.tocsin.app.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Silence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the silences a team runs from the JSON {@code tocsin silences list --json} and {@code GET
 * /api/silences} print ({@code {"silences": [...]}}), a bare array of them, or one silence as
 * {@code tocsin silences create --json} prints it; each with its matchers, {@code startsAt} and
 * {@code endsAt}. Expired silences count too: replay honours each one's times on event time.
 */
public final class SilenceFile {

  private static final String SHAPE =
      "expected the JSON of 'tocsin silences list --json' ({\"silences\": [...]}), an array of"
          + " silences or one silence";

  private SilenceFile() {}

  /**
   * The silences in {@code file}.
   *
   * @throws IllegalArgumentException naming the file, the silence and the field that is wrong
   */
  public static List<Silence> read(Path file) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ": not JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (root != null && root.isObject() && root.has("silences")) {
      return list(file, root.get("silences"), "silences");
    }
    if (root != null && root.isObject() && root.has("matchers")) {
      return List.of(silence(file, root, "silence"));
    }
    return list(file, root, "");
  }

  private static List<Silence> list(Path file, JsonNode array, String field) {
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException(file + ": " + SHAPE);
    }
    List<Silence> silences = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      silences.add(silence(file, array.get(i), field + "[" + i + "]"));
    }
    return silences;
  }

  private static Silence silence(Path file, JsonNode node, String where) {
    String prefix = file + ": " + where;
    if (!node.isObject()) {
      throw new IllegalArgumentException(prefix + ": " + SHAPE);
    }
    JsonNode matchers = node.path("matchers");
    if (!matchers.isArray() || matchers.isEmpty()) {
      throw new IllegalArgumentException(
          prefix + ".matchers: give at least one, e.g. [\"rule=lambda-task-timeout\"]");
    }
    List<LabelMatcher> parsed = new ArrayList<>();
    for (int i = 0; i < matchers.size(); i++) {
      try {
        parsed.add(LabelMatcher.of(matchers.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(prefix + ".matchers[" + i + "]: " + e.getMessage(), e);
      }
    }
    Instant startsAt = time(node, "startsAt", prefix);
    Instant endsAt = time(node, "endsAt", prefix);
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException(
          prefix + ": endsAt " + endsAt + " is not after startsAt " + startsAt);
    }
    return new Silence(
        node.path("id").asText(where),
        parsed,
        startsAt,
        endsAt,
        node.path("createdBy").asText(""),
        node.path("comment").asText(""));
  }

  private static Instant time(JsonNode node, String field, String prefix) {
    String text = node.path(field).asText(null);
    if (text == null) {
      throw new IllegalArgumentException(prefix + "." + field + ": missing");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          prefix
              + "."
              + field
              + ": expected an ISO-8601 time such as 2026-11-25T03:00:00Z, got '"
              + text
              + "'",
          e);
    }
  }
}
