package io.tocsin.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tocsin.config.ConfigException;
import io.tocsin.config.Durations;
import io.tocsin.model.Json;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Silence;
import io.tocsin.store.SilenceStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET/POST /api/silences} and {@code DELETE /api/silences/{id}}: list, create and expire
 * silences in the shared {@link SilenceStore}. Each silence is shown with its state: {@code
 * active}, {@code pending} (starts later) or {@code expired}. A new silence is checked against the
 * loaded rules ({@link SilenceCheck}): doubtful matchers come back as {@code warnings}, and one
 * that would silence everything is refused unless the body says {@code "force": true}.
 */
final class SilenceRoutes {

  private static final Set<String> BODY_FIELDS =
      Set.of("matchers", "startsAt", "endsAt", "duration", "createdBy", "comment", "force");
  private static final Duration MAX_DURATION = Duration.ofDays(365);
  private static final String TOO_LONG = "a silence lasts at most 365 days";
  private static final int MAX_TEXT = 1000;

  private final SilenceStore silences;
  private final SilenceCheck check;
  private final Clock clock;

  SilenceRoutes(SilenceStore silences, SilenceCheck check, Clock clock) {
    this.silences = silences;
    this.check = check;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/api/silences", this::list);
    app.post("/api/silences", this::create);
    app.delete("/api/silences/{id}", this::expire);
  }

  private void list(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), Set.of("expired"));
    Instant now = clock.instant();
    List<Silence> shown = params.bool("expired", false) ? silences.all() : silences.current(now);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("silences");
    shown.forEach(s -> items.add(view(s, now)));
    ctx.json(body);
  }

  private void create(Context ctx) {
    Instant now = clock.instant();
    JsonNode body = body(ctx.bodyAsBytes());
    Silence silence = parse(body, now);
    if (!force(body) && check.coversEverything(silence.matchers())) {
      throw ApiException.badRequest(
          "matchers "
              + silence.matchers().stream().map(LabelMatcher::toString).toList()
              + " match every alert: this silence would stop every notification. Narrow it, or"
              + " send \"force\": true (tocsin silences create --force) if that is the intent");
    }
    List<String> warnings = check.warnings(silence.matchers());
    silences.create(silence);
    ObjectNode view = view(silence, now);
    if (!warnings.isEmpty()) {
      view.set("warnings", Json.MAPPER.valueToTree(warnings));
    }
    ctx.status(201).header("Location", "/api/silences/" + silence.id()).json(view);
  }

  private void expire(Context ctx) {
    String id = ctx.pathParam("id");
    Instant now = clock.instant();
    Silence known =
        silences.get(id).orElseThrow(() -> ApiException.notFound("no silence with id " + id));
    if (!known.endsAt().isAfter(now)) {
      throw ApiException.conflict("silence " + id + " already expired at " + known.endsAt());
    }
    Silence expired =
        silences
            .expire(id, now)
            .orElseThrow(() -> ApiException.notFound("no silence with id " + id));
    ctx.json(view(expired, now));
  }

  private static boolean force(JsonNode body) {
    JsonNode force = body.get("force");
    if (force != null && !force.isBoolean()) {
      throw ApiException.badRequest("force: expected true or false, got " + force);
    }
    return force != null && force.asBoolean();
  }

  private static JsonNode body(byte[] bytes) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read the body: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(
          "body must be a JSON object with matchers, endsAt or duration,"
              + " createdBy and comment");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!BODY_FIELDS.contains(name)) {
        throw ApiException.badRequest(
            "unknown field '" + name + "'; fields are " + String.join(", ", BODY_FIELDS));
      }
    }
    return body;
  }

  private Silence parse(JsonNode body, Instant now) {
    Instant startsAt = body.hasNonNull("startsAt") ? time(body, "startsAt") : now;
    Instant endsAt = ends(body, startsAt);
    if (!endsAt.isAfter(now)) {
      throw ApiException.badRequest("endsAt must be in the future");
    }
    if (Duration.between(startsAt, endsAt).compareTo(MAX_DURATION) > 0) {
      throw ApiException.badRequest(TOO_LONG);
    }
    try {
      return new Silence(
          UUID.randomUUID().toString(),
          matchers(body.get("matchers")),
          startsAt,
          endsAt,
          text(body, "createdBy"),
          text(body, "comment"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static Instant ends(JsonNode body, Instant startsAt) {
    boolean hasEnd = body.hasNonNull("endsAt");
    boolean hasDuration = body.hasNonNull("duration");
    if (hasEnd == hasDuration) {
      throw ApiException.badRequest("give either endsAt or duration (e.g. \"2h\")");
    }
    if (hasEnd) {
      return time(body, "endsAt");
    }
    String text = body.get("duration").asText();
    Duration duration;
    try {
      duration = Durations.parse("duration", text);
    } catch (ConfigException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (ArithmeticException | NumberFormatException e) {
      throw ApiException.badRequest("duration: " + TOO_LONG + ", got '" + text + "'");
    }
    if (duration.compareTo(MAX_DURATION) > 0) {
      throw ApiException.badRequest("duration: " + TOO_LONG + ", got '" + text + "'");
    }
    return startsAt.plus(duration);
  }

  private static List<LabelMatcher> matchers(JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw ApiException.badRequest(
          "matchers: give at least one, e.g. [\"rule=lambda-task-timeout\"]");
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    for (JsonNode m : node) {
      try {
        matchers.add(LabelMatcher.of(m));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("matchers: " + e.getMessage());
      }
    }
    return matchers;
  }

  private static Instant time(JsonNode body, String field) {
    String text = body.get(field).asText();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          field + ": expected an ISO-8601 time such as 2026-11-25T03:00:00Z, got '" + text + "'");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw ApiException.badRequest(field + " is required: say who and why");
    }
    if (node.asText().length() > MAX_TEXT) {
      throw ApiException.badRequest(field + ": at most " + MAX_TEXT + " characters");
    }
    return node.asText().strip();
  }

  private static ObjectNode view(Silence silence, Instant now) {
    ObjectNode node = Json.MAPPER.valueToTree(silence);
    String state =
        silence.activeAt(now) ? "active" : now.isBefore(silence.startsAt()) ? "pending" : "expired";
    node.put("state", state);
    return node;
  }
}
