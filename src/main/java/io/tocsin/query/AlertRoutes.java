package io.tocsin.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tocsin.config.ApiSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Json;
import io.tocsin.model.Severity;
import io.tocsin.model.Silence;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleSet;
import io.tocsin.store.AlertCursor;
import io.tocsin.store.AlertDetail;
import io.tocsin.store.AlertPage;
import io.tocsin.store.AlertQuery;
import io.tocsin.store.AlertSort;
import io.tocsin.store.AlertStore;
import io.tocsin.store.CountQuery;
import io.tocsin.store.SilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/alerts}, {@code /api/alerts/{fingerprint}} and {@code /api/counts}: alert lists,
 * one alert in full (with its rule's response notes and the CloudTrail call in words), and incident
 * counts, each alert marked with the silences that cover it.
 */
final class AlertRoutes {

  /** Query parameters of {@code GET /api/alerts}. */
  static final Set<String> LIST_PARAMS = listParams();

  /** Query parameters of {@code GET /api/counts}. */
  static final Set<String> COUNT_PARAMS = Set.of("by", "from", "to");

  /** The filters with a closed set of values, and those values. */
  private static final Map<String, List<String>> CLOSED_FILTERS =
      Map.of(
          "status", Arrays.stream(AlertStatus.values()).map(AlertStatus::label).toList(),
          "severity", Arrays.stream(Severity.values()).map(Severity::label).toList());

  private static final int MAX_TEXT = 200;
  private static final Duration DEFAULT_COUNT_RANGE = Duration.ofHours(24);

  private final AlertStore alerts;
  private final SilenceStore silences;
  private final RuleSet rules;
  private final ApiSettings settings;
  private final Clock clock;

  AlertRoutes(
      AlertStore alerts, SilenceStore silences, RuleSet rules, ApiSettings settings, Clock clock) {
    this.alerts = alerts;
    this.silences = silences;
    this.rules = rules;
    this.settings = settings;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/api/alerts", this::list);
    app.get("/api/alerts/{fingerprint}", this::detail);
    app.get("/api/counts", this::counts);
  }

  private void list(Context ctx) {
    AlertQuery query = parse(new QueryParams(ctx.queryParamMap(), LIST_PARAMS));
    AlertPage page = alerts.list(query);
    Instant now = clock.instant();
    List<Silence> active = silences.current(now);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("alerts");
    page.alerts().forEach(alert -> items.add(withSilences(alert, active, now)));
    body.put("next", page.next() == null ? null : page.next().encode());
    body.put("sort", query.sort().label());
    body.put("limit", query.limit());
    ctx.json(body);
  }

  private void detail(Context ctx) {
    String fingerprint = ctx.pathParam("fingerprint");
    AlertDetail detail =
        alerts
            .get(fingerprint)
            .orElseThrow(() -> ApiException.notFound("no alert with fingerprint " + fingerprint));
    ObjectNode body = Json.MAPPER.createObjectNode();
    Instant now = clock.instant();
    Alert alert = detail.current();
    body.set("alert", withSilences(alert, silences.current(now), now));
    body.put("action", ActionPhrase.of(alert));
    CompiledRule rule = rules.get(alert.rule().id());
    body.set("rule", rule == null ? null : Json.MAPPER.valueToTree(RuleRoutes.RuleView.of(rule)));
    body.set("history", Json.MAPPER.valueToTree(detail.history()));
    body.set("receipts", Json.MAPPER.valueToTree(detail.receipts()));
    ctx.json(body);
  }

  private void counts(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), COUNT_PARAMS);
    String by = params.single("by");
    if (by == null) {
      throw ApiException.badRequest("by is required: rule, severity or hour");
    }
    Instant to = params.instant("to");
    Instant from = params.instant("from");
    to = to != null ? to : clock.instant();
    from = from != null ? from : to.minus(DEFAULT_COUNT_RANGE);
    CountQuery query;
    try {
      query = new CountQuery(CountQuery.By.of(by), from, to);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    ctx.json(alerts.counts(query));
  }

  private AlertQuery parse(QueryParams params) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (String name : AlertQuery.FILTERS) {
      List<String> allowed = CLOSED_FILTERS.get(name);
      List<String> values = allowed == null ? params.values(name) : params.values(name, allowed);
      if (!values.isEmpty()) {
        filters.put(name, values);
      }
    }
    String text = params.single("q");
    if (text != null && text.length() > MAX_TEXT) {
      throw ApiException.badRequest("q: at most " + MAX_TEXT + " characters");
    }
    int limit = params.integer("limit", 1, settings.maxPageSize(), settings.defaultPageSize());
    try {
      String sortText = params.single("sort");
      AlertSort sort = sortText == null ? AlertSort.STATUS : AlertSort.of(sortText);
      String cursor = params.single("cursor");
      AlertCursor after = cursor == null ? null : AlertCursor.decode(cursor);
      return new AlertQuery(
          filters, text, params.instant("from"), params.instant("to"), sort, limit, after);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /**
   * {@code alert} as JSON with the silences covering it: their ids in {@code silencedBy}, and who
   * made them, why and until when in {@code silences}.
   */
  private static ObjectNode withSilences(Alert alert, List<Silence> active, Instant now) {
    ObjectNode node = Json.MAPPER.valueToTree(alert);
    List<Silence> covering = active.stream().filter(s -> s.silences(alert, now)).toList();
    if (!covering.isEmpty()) {
      node.set("silencedBy", Json.MAPPER.valueToTree(covering.stream().map(Silence::id).toList()));
      ArrayNode views = node.putArray("silences");
      for (Silence s : covering) {
        views
            .addObject()
            .put("id", s.id())
            .put("createdBy", s.createdBy())
            .put("comment", s.comment())
            .put("endsAt", s.endsAt().toString());
      }
    }
    return node;
  }

  private static Set<String> listParams() {
    Set<String> names = new HashSet<>(AlertQuery.FILTERS);
    names.addAll(List.of("q", "from", "to", "sort", "limit", "cursor"));
    return Set.copyOf(names);
  }
}
