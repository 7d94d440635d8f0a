package io.tocsin.app.ops;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tocsin.model.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator endpoints, served without authentication on the API port: {@code /health/live} (the
 * process answers and every liveness check passes, e.g. the KCL worker has not been down for longer
 * than {@code kinesis.dead_after}; 503 with the failing parts otherwise, so the orchestrator
 * restarts the process), {@code /health/ready} (at least one and every readiness check passes; 503
 * with the failing parts otherwise) and {@code /metrics} (Prometheus text format).
 */
public final class OpsRoutes {

  private final Supplier<List<ReadinessCheck>> readiness;
  private final Supplier<List<ReadinessCheck>> liveness;
  private final PrometheusMeterRegistry registry;

  /**
   * Endpoints over the checks {@code readiness} and {@code liveness} supply at each request (parts
   * register theirs as they start) and {@code registry}.
   */
  public OpsRoutes(
      Supplier<List<ReadinessCheck>> readiness,
      Supplier<List<ReadinessCheck>> liveness,
      PrometheusMeterRegistry registry) {
    this.readiness = readiness;
    this.liveness = liveness;
    this.registry = registry;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/health/live", ctx -> answer(ctx, liveness.get(), true));
    app.get("/health/ready", ctx -> answer(ctx, readiness.get(), false));
    app.get("/metrics", this::metrics);
  }

  /** 200 when every check passes (and, unless {@code noneIsUp}, there is one); 503 otherwise. */
  private static void answer(Context ctx, List<ReadinessCheck> checks, boolean noneIsUp)
      throws Exception {
    Map<String, Object> parts = new LinkedHashMap<>();
    boolean ready = noneIsUp || !checks.isEmpty();
    for (ReadinessCheck check : checks) {
      ReadinessCheck.Result result = check.check();
      ready &= result.ready();
      parts.put(
          check.name(), Map.of("ready", result.ready(), "detail", String.valueOf(result.detail())));
    }
    ctx.status(ready ? 200 : 503);
    ctx.contentType("application/json");
    ctx.result(
        Json.MAPPER.writeValueAsString(Map.of("status", ready ? "UP" : "DOWN", "checks", parts)));
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(registry.scrape());
  }
}
