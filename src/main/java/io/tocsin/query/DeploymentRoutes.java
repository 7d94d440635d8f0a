package io.tocsin.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tocsin.config.ApiSettings;
import io.tocsin.model.Deployment;
import io.tocsin.model.Json;
import io.tocsin.store.AlertQuery;
import io.tocsin.store.AlertSort;
import io.tocsin.store.AlertStore;
import io.tocsin.store.DeploymentCursor;
import io.tocsin.store.DeploymentPage;
import io.tocsin.store.DeploymentQuery;
import io.tocsin.store.DeploymentStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code GET /api/deployments} and {@code /api/deployments/{id}}: the deployments the watch
 * learned, most recent first with their verdicts, and one deployment with the alerts linked to it
 * (those whose {@code context.deploy.id} is it).
 */
final class DeploymentRoutes {

  /** Query parameters of {@code GET /api/deployments}. */
  static final Set<String> LIST_PARAMS =
      Set.of("resource", "kind", "verdict", "from", "to", "limit", "cursor");

  /** The most linked alerts one deployment shows. */
  static final int MAX_LINKED_ALERTS = 100;

  private static final List<String> KINDS =
      Arrays.stream(Deployment.Kind.values()).map(Deployment.Kind::label).toList();
  private static final List<String> VERDICTS =
      Stream.concat(
              Arrays.stream(Deployment.VerdictStatus.values()).map(Deployment.VerdictStatus::label),
              Stream.of(DeploymentQuery.NO_VERDICT))
          .toList();

  private final DeploymentStore deployments;
  private final AlertStore alerts;
  private final ApiSettings settings;

  DeploymentRoutes(DeploymentStore deployments, AlertStore alerts, ApiSettings settings) {
    this.deployments = deployments;
    this.alerts = alerts;
    this.settings = settings;
  }

  void register(Javalin app) {
    app.get("/api/deployments", this::list);
    app.get("/api/deployments/{id}", this::detail);
  }

  private void list(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), LIST_PARAMS);
    DeploymentQuery query = parse(params);
    DeploymentPage page = deployments.list(query);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("deployments", Json.MAPPER.valueToTree(page.deployments()));
    body.put("next", page.next() == null ? null : page.next().encode());
    body.put("limit", query.limit());
    ctx.json(body);
  }

  private void detail(Context ctx) {
    String id = ctx.pathParam("id");
    Deployment deployment =
        deployments.get(id).orElseThrow(() -> ApiException.notFound("no deployment with id " + id));
    AlertQuery linked =
        new AlertQuery(
            Map.of("deploy", List.of(id)),
            null,
            null,
            null,
            AlertSort.NEWEST,
            MAX_LINKED_ALERTS,
            null);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("deployment", Json.MAPPER.valueToTree(deployment));
    body.set("alerts", Json.MAPPER.valueToTree(alerts.list(linked).alerts()));
    ctx.json(body);
  }

  private DeploymentQuery parse(QueryParams params) {
    List<String> kinds = params.values("kind", KINDS);
    List<String> verdicts = params.values("verdict", VERDICTS);
    int limit = params.integer("limit", 1, settings.maxPageSize(), settings.defaultPageSize());
    try {
      String cursor = params.single("cursor");
      return new DeploymentQuery(
          params.values("resource"),
          kinds,
          verdicts,
          params.instant("from"),
          params.instant("to"),
          limit,
          cursor == null ? null : DeploymentCursor.decode(cursor));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
