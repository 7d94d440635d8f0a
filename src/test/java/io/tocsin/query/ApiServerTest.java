package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.ApiSettings;
import io.tocsin.store.AlertCounts;
import io.tocsin.store.AlertDetail;
import io.tocsin.store.AlertPage;
import io.tocsin.store.AlertQuery;
import io.tocsin.store.AlertStore;
import io.tocsin.store.CountQuery;
import io.tocsin.store.StoreUnavailableException;
import io.tocsin.testing.InMemorySilenceStore;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiServerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder to(ApiServer server, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + RunningApi.TOKEN);
  }

  private static ApiServer serverOver(AlertStore alerts, ApiSettings settings) {
    return new ApiServer(
            settings,
            RunningApi.TOKEN,
            alerts,
            alerts,
            new InMemorySilenceStore(),
            RealAlerts.rules())
        .start();
  }

  @Test
  void shouldServeTheConsoleWithASecurityPolicyAndTheOpenApiDocumentWithoutAToken()
      throws Exception {
    try (RunningApi api = new RunningApi()) {
      HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(api.url() + "/")).build());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>tocsin · alerts</title>");
      assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

      HttpResponse<String> openApi =
          send(HttpRequest.newBuilder(URI.create(api.url() + "/openapi.json")).build());
      assertThat(openApi.statusCode()).isEqualTo(200);
      assertThat(RunningApi.parse(openApi.body()).path("openapi").asText()).isEqualTo("3.1.0");

      HttpResponse<String> alerts = api.get("/api/alerts?limit=1");
      assertThat(alerts.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void shouldSendNoCorsHeadersByDefaultAndOnlyToConfiguredOrigins() throws Exception {
    try (RunningApi closed = new RunningApi()) {
      HttpResponse<String> response =
          send(closed.request("/api/rules").header("Origin", "https://evil.example").build());
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    ApiSettings cors =
        new ApiSettings(
            "127.0.0.1",
            0,
            "127.0.0.1",
            "TOCSIN_API_TOKEN",
            List.of("https://soc.example.com"),
            java.time.Duration.ofDays(30),
            50,
            500);
    try (RunningApi open = new RunningApi(cors)) {
      HttpResponse<String> allowed =
          send(open.request("/api/rules").header("Origin", "https://soc.example.com").build());
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://soc.example.com");
      HttpResponse<String> other =
          send(open.request("/api/rules").header("Origin", "https://evil.example").build());
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      HttpResponse<String> preflight =
          send(
              HttpRequest.newBuilder(URI.create(open.url() + "/api/alerts"))
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", "https://soc.example.com")
                  .header("Access-Control-Request-Method", "GET")
                  .header("Access-Control-Request-Headers", "authorization")
                  .build());
      assertThat(preflight.statusCode()).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://soc.example.com");
    }
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileTheStoreIsUnavailable() throws Exception {
    AlertStore rebalancing =
        new FailingStore(new StoreUnavailableException("the alert store is REBALANCING"));
    try (ApiServer server =
        serverOver(rebalancing, ApiSettings.defaults().withAddress("127.0.0.1", 0))) {
      HttpResponse<String> response = send(to(server, "/api/alerts").build());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(response.body()).contains("\"error\":\"unavailable\"").contains("REBALANCING");
    }
  }

  @Test
  void shouldHideTheDetailsOfAnUnexpectedFailure() throws Exception {
    AlertStore broken = new FailingStore(new IllegalStateException("secret internals"));
    try (ApiServer server =
        serverOver(broken, ApiSettings.defaults().withAddress("127.0.0.1", 0))) {
      HttpResponse<String> response = send(to(server, "/api/alerts/abc").build());
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).contains("\"error\":\"internal\"").doesNotContain("secret");
    }
  }

  @Test
  void shouldAnswerAnUnknownEndpointWithJson404AndServeRoutesAddedByTheWiring() throws Exception {
    AlertStore unused = new FailingStore(new IllegalStateException("unused"));
    try (ApiServer server =
        new ApiServer(
                ApiSettings.defaults().withAddress("127.0.0.1", 0),
                RunningApi.TOKEN,
                unused,
                unused,
                new InMemorySilenceStore(),
                RealAlerts.rules())
            .addRoutes(app -> app.get("/health/live", ctx -> ctx.result("ok")))
            .start()) {
      HttpResponse<String> missing = send(to(server, "/api/nothing").build());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("\"error\":\"not_found\"");
      HttpResponse<String> health =
          send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/health/live"))
                  .build());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("ok");
    }
  }

  /** A store whose every query throws {@code failure}. */
  private record FailingStore(RuntimeException failure) implements AlertStore {
    @Override
    public AlertPage list(AlertQuery query) {
      throw failure;
    }

    @Override
    public Optional<AlertDetail> get(String fingerprint) {
      throw failure;
    }

    @Override
    public AlertCounts counts(CountQuery query) {
      throw failure;
    }
  }
}
