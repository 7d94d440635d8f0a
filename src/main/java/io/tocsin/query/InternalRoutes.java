package io.tocsin.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tocsin.model.Json;
import io.tocsin.store.AlertQuery;
import io.tocsin.store.AlertStore;
import io.tocsin.store.ClusterAlertStore;
import io.tocsin.store.ClusterSeriesFigures;
import io.tocsin.store.CountQuery;
import io.tocsin.store.SeriesFigures;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/**
 * The endpoints peer instances call to answer their part of a clustered query: this instance's
 * local alerts only, as the store types' JSON. Same bearer token as {@code /api}.
 */
final class InternalRoutes {

  private final AlertStore local;

  InternalRoutes(AlertStore local) {
    this.local = local;
  }

  void register(Javalin app) {
    app.post(ClusterAlertStore.LIST_PATH, ctx -> ctx.json(local.list(body(ctx, AlertQuery.class))));
    app.get(ClusterAlertStore.GET_PATH + "{fingerprint}", this::get);
    app.post(
        ClusterAlertStore.COUNTS_PATH, ctx -> ctx.json(local.counts(body(ctx, CountQuery.class))));
  }

  /**
   * Serves this instance's figures ({@code local}) to peers at {@link ClusterSeriesFigures#PATH}.
   */
  static void registerFigures(Javalin app, SeriesFigures local) {
    app.get(
        ClusterSeriesFigures.PATH + "{fingerprint}",
        ctx -> {
          QueryParams params = new QueryParams(ctx.queryParamMap(), Set.of("from", "to"));
          Instant from = params.instant("from");
          Instant to = params.instant("to");
          if (from == null || to == null) {
            throw ApiException.badRequest("from and to are required");
          }
          ctx.json(local.figures(ctx.pathParam("fingerprint"), from, to));
        });
  }

  private void get(Context ctx) {
    String fingerprint = ctx.pathParam("fingerprint");
    ctx.json(
        local
            .get(fingerprint)
            .orElseThrow(() -> ApiException.notFound("no alert with fingerprint " + fingerprint)));
  }

  private static <T> T body(Context ctx, Class<T> type) {
    try {
      T value = Json.MAPPER.readValue(ctx.bodyAsBytes(), type);
      if (value == null) {
        throw ApiException.badRequest("body must be a " + type.getSimpleName() + " JSON object");
      }
      return value;
    } catch (IOException e) {
      throw ApiException.badRequest("not a valid " + type.getSimpleName() + ": " + e.getMessage());
    }
  }
}
