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
 * process answers), {@code /health/ready} (every {@link ReadinessCheck} passes; 503 with the
 * failing parts otherwise) and {@code /metrics} (Prometheus text format).
 */
public final class OpsRoutes {

  private final Supplier<List<ReadinessCheck>> checks;
  private final PrometheusMeterRegistry registry;

  /**
   * Endpoints over the checks {@code checks} supplies at each request (parts register theirs as
   * they start) and {@code registry}.
   */
  public OpsRoutes(Supplier<List<ReadinessCheck>> checks, PrometheusMeterRegistry registry) {
    this.checks = checks;
    this.registry = registry;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
    app.get("/health/ready", this::ready);
    app.get("/metrics", this::metrics);
  }

  private void ready(Context ctx) throws Exception {
    Map<String, Object> parts = new LinkedHashMap<>();
    boolean ready = true;
    List<ReadinessCheck> current = checks.get();
    boolean any = !current.isEmpty();
    for (ReadinessCheck check : current) {
      ReadinessCheck.Result result = check.check();
      ready &= result.ready();
      parts.put(
          check.name(), Map.of("ready", result.ready(), "detail", String.valueOf(result.detail())));
    }
    ready &= any;
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
