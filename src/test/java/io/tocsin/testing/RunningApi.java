package io.tocsin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.config.ApiSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.Deployment;
import io.tocsin.model.Json;
import io.tocsin.query.ApiServer;
import io.tocsin.rules.RuleSet;
import io.tocsin.store.AlertStore;
import io.tocsin.store.SeriesFigures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The analyst API and console running on 127.0.0.1 over real alerts (see {@link RealAlerts}) in a
 * {@link AlertStoreDriver}, with an {@link InMemorySilenceStore}, plus an HTTP client for it.
 */
public final class RunningApi implements AutoCloseable {

  /** The bearer token the server requires. */
  public static final String TOKEN = "test-token-0123456789abcdef";

  private final List<Alert> alerts;
  private final AlertStoreDriver store;
  private final DeploymentStoreDriver deployments;
  private final InMemorySilenceStore silences = new InMemorySilenceStore();
  private final ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Starts a server with default settings on a free loopback port. */
  public RunningApi() {
    this(ApiSettings.defaults().withAddress("127.0.0.1", 0));
  }

  /** Starts a server with {@code settings} answering from the real alerts. */
  public RunningApi(ApiSettings settings) {
    this(settings, RealAlerts.from(RealAlerts.T0), RealAlerts.rules());
  }

  /** Starts a server with {@code settings} answering from {@code alerts}, with {@code rules}. */
  public RunningApi(ApiSettings settings, List<Alert> alerts, RuleSet rules) {
    this(settings, alerts, rules, List.of());
  }

  /**
   * Starts a server with {@code settings} answering from {@code alerts} and the deployment state
   * changes {@code deployments}, with {@code rules}.
   */
  public RunningApi(
      ApiSettings settings, List<Alert> alerts, RuleSet rules, List<Deployment> deployments) {
    this(settings, alerts, rules, deployments, SeriesFigures.NONE);
  }

  /** As above, drawing sliding rules' series also from the detector's {@code figures}. */
  public RunningApi(
      ApiSettings settings,
      List<Alert> alerts,
      RuleSet rules,
      List<Deployment> deployments,
      SeriesFigures figures) {
    this.alerts = alerts;
    this.store = AlertStoreDriver.loaded(alerts, RealAlerts.receipts(alerts));
    this.deployments = DeploymentStoreDriver.loaded(deployments);
    AlertStore local = store.store();
    server =
        new ApiServer(settings, TOKEN, local, local, silences, rules)
            .withDeployments(this.deployments.store())
            .withFigures(figures, figures)
            .start();
  }

  /**
   * Starts a server on a free loopback port over the real alerts, the real rate alerts with the
   * sliding rule's per-minute figures, and the deployments behind them ({@link
   * DeployedRateAlerts}).
   */
  public static RunningApi withRateAlerts() {
    List<Alert> all = new java.util.ArrayList<>(RealAlerts.from(RealAlerts.T0));
    all.addAll(DeployedRateAlerts.alerts());
    return new RunningApi(
        ApiSettings.defaults().withAddress("127.0.0.1", 0),
        all,
        RateAlerts.withRealRules(),
        DeployedRateAlerts.changes(),
        RateAlerts.figures());
  }

  /** Every alert state change the store was loaded with, in order. */
  public List<Alert> alerts() {
    return alerts;
  }

  /** The silences behind the API. */
  public InMemorySilenceStore silences() {
    return silences;
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A request to {@code path} carrying the token. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url() + path))
        .header("Authorization", "Bearer " + TOKEN);
  }

  /** Sends {@code request}; the body as text. */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GETs {@code path} with the token; the response. */
  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  /** GETs {@code path} with the token, requiring 200; the body as JSON. */
  public JsonNode json(String path) {
    HttpResponse<String> response = get(path);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  /** Parses a JSON body. */
  public static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    store.close();
    deployments.close();
  }
}
