package io.tocsin.query;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.tocsin.config.ApiSettings;
import io.tocsin.model.Json;
import io.tocsin.rules.RuleSet;
import io.tocsin.store.AlertStore;
import io.tocsin.store.DeploymentStore;
import io.tocsin.store.SeriesFigures;
import io.tocsin.store.SilenceStore;
import io.tocsin.store.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyst HTTP server: the query API under {@code /api} (bearer token), the endpoints peer
 * instances call under {@code /internal}, the OpenAPI document at {@code /openapi.json} and the web
 * console at {@code /}. The wiring code adds further routes (health, metrics) with {@link
 * #addRoutes} before {@link #start}.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String OPENAPI = "api/openapi.json";
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final ApiSettings settings;
  private final AlertStore alerts;
  private final Javalin app;
  private final byte[] openApi;
  private final SeriesRoutes series;

  /**
   * A server for {@code settings} requiring {@code token} on {@code /api} and {@code /internal}.
   *
   * @param alerts the alerts the API answers from (the whole cluster)
   * @param localAlerts this instance's part, served to peers under {@code /internal}
   * @param silences where silences are listed, created and expired
   * @param rules the loaded detection rules, listed by {@code /api/rules}
   */
  public ApiServer(
      ApiSettings settings,
      String token,
      AlertStore alerts,
      AlertStore localAlerts,
      SilenceStore silences,
      RuleSet rules) {
    this.settings = settings;
    this.alerts = alerts;
    this.openApi = resource(OPENAPI);
    Clock clock = Clock.systemUTC();
    this.app = Javalin.create(config -> configure(config, settings));
    app.before(ApiServer::securityHeaders);
    BearerAuth auth = new BearerAuth(token);
    app.before("/api/*", auth);
    app.before("/internal/*", auth);
    app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    new AlertRoutes(alerts, silences, rules, settings, clock).register(app);
    this.series = new SeriesRoutes(alerts, clock);
    series.register(app);
    new SilenceRoutes(silences, new SilenceCheck(rules), clock).register(app);
    new RuleRoutes(rules).register(app);
    new InternalRoutes(localAlerts).register(app);
    registerErrors();
  }

  /**
   * Serves {@code /api/deployments} from {@code deployments}, with the alerts linked to each from
   * the alert store; call before start.
   */
  public ApiServer withDeployments(DeploymentStore deployments) {
    new DeploymentRoutes(deployments, alerts, settings).register(app);
    return this;
  }

  /**
   * Draws sliding rules' series from the detector's per-minute {@code figures} (the whole cluster)
   * besides the alert history, serving this instance's part, {@code localFigures}, to peers under
   * {@code /internal}; call before start.
   */
  public ApiServer withFigures(SeriesFigures figures, SeriesFigures localFigures) {
    series.drawFrom(figures);
    InternalRoutes.registerFigures(app, localFigures);
    return this;
  }

  /** Lets the wiring code add routes outside {@code /api} (health, metrics); call before start. */
  public ApiServer addRoutes(Consumer<Javalin> routes) {
    routes.accept(app);
    return this;
  }

  /** Starts listening on {@code api.host:api.port}. */
  public ApiServer start() {
    app.start(settings.host(), settings.port());
    LOG.info("analyst API and console on http://{}:{}/", settings.host(), app.port());
    return this;
  }

  /** The port listened on (the actual one when {@code api.port} is 0). */
  public int port() {
    return app.port();
  }

  /** Stops the server. */
  @Override
  public void close() {
    app.stop();
  }

  /** The underlying server, for tests that inspect its routes. */
  Javalin javalin() {
    return app;
  }

  private void registerErrors() {
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
    app.exception(
        StoreUnavailableException.class,
        (e, ctx) -> {
          ctx.header("Retry-After", "2");
          error(ctx, 503, "unavailable", e.getMessage());
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, "internal", "internal error; the server log has the details");
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 405) {
            String allowed = e.getDetails().getOrDefault("availableMethods", "");
            ctx.header("Allow", allowed);
            error(
                ctx,
                405,
                "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed);
            return;
          }
          String code = e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus();
          error(ctx, e.getStatus(), code, e.getMessage());
        });
  }

  private static void configure(JavalinConfig config, ApiSettings settings) {
    config.showJavalinBanner = false;
    config.startupWatcherEnabled = false;
    config.http.prefer405over404 = true;
    config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = "/console";
          files.location = Location.CLASSPATH;
          files.headers = Map.of("Cache-Control", "no-cache");
        });
    if (!settings.corsOrigins().isEmpty()) {
      config.bundledPlugins.enableCors(
          cors ->
              cors.addRule(
                  rule -> {
                    settings.corsOrigins().forEach(rule::allowHost);
                    rule.exposeHeader("WWW-Authenticate");
                  }));
    }
  }

  private static void error(Context ctx, int status, String code, String message) {
    ctx.status(status).json(Map.of("error", code, "message", message));
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", CSP);
    if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/internal/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
