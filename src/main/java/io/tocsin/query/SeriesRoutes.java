package io.tocsin.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tocsin.store.AlertDetail;
import io.tocsin.store.AlertStore;
import io.tocsin.store.SeriesFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/alerts/{fingerprint}/series}: the figures a rate or threshold alert was decided
 * on, with its threshold and transitions, for the console's chart. Read from the alert's state
 * changes in the alert store, which keeps every change with its evaluation for the whole retention
 * (a periodic rule's carry their datapoints), and for sliding rules from the figures the detector
 * records once a minute per group for the last hour ({@link SeriesFigures}).
 */
final class SeriesRoutes {

  /** The default range, ending now or shortly after the alert's last change. */
  static final Duration DEFAULT_RANGE = Duration.ofHours(1);

  /** How far past an old alert's last change the default range reaches. */
  static final Duration AFTER_LAST_CHANGE = Duration.ofMinutes(10);

  private static final Duration MAX_RANGE = Duration.ofDays(7);

  private final AlertStore alerts;
  private final Clock clock;
  private volatile SeriesFigures figures = SeriesFigures.NONE;

  SeriesRoutes(AlertStore alerts, Clock clock) {
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Adds the detector's per-minute {@code figures} to sliding rules' series. */
  void drawFrom(SeriesFigures figures) {
    this.figures = figures;
  }

  void register(Javalin app) {
    app.get("/api/alerts/{fingerprint}/series", this::series);
  }

  private void series(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), Set.of("from", "to"));
    String fingerprint = ctx.pathParam("fingerprint");
    AlertDetail detail =
        alerts
            .get(fingerprint)
            .orElseThrow(() -> ApiException.notFound("no alert with fingerprint " + fingerprint));
    Instant to = params.instant("to");
    Instant from = params.instant("from");
    if (to == null) {
      Instant now = clock.instant();
      Instant settled = detail.current().updatedAt().plus(AFTER_LAST_CHANGE);
      to = from != null ? from.plus(DEFAULT_RANGE) : settled.isBefore(now) ? settled : now;
    }
    from = from != null ? from : to.minus(DEFAULT_RANGE);
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw ApiException.badRequest("from must be before to, at most 7 days apart");
    }
    AlertSeries series =
        AlertSeries.of(detail.history(), figures.figures(fingerprint, from, to), from, to);
    if (series == null) {
      throw ApiException.notFound(
          "alert "
              + fingerprint
              + " is from "
              + detail.current().rule().kind()
              + " rule "
              + detail.current().rule().id()
              + ": only rate and threshold alerts have a series");
    }
    ctx.json(series);
  }
}
