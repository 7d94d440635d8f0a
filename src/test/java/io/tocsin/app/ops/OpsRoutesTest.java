package io.tocsin.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {

  private final AtomicBoolean streamsUp = new AtomicBoolean(false);
  private final AtomicBoolean ingestAlive = new AtomicBoolean(true);
  private final Telemetry telemetry = new Telemetry();
  private Javalin app;

  private HttpResponse<String> get(String path) throws Exception {
    if (app == null) {
      ReadinessCheck streams =
          new ReadinessCheck() {
            @Override
            public String name() {
              return "detect-streams";
            }

            @Override
            public Result check() {
              return streamsUp.get() ? Result.up("RUNNING") : Result.down("REBALANCING");
            }
          };
      ReadinessCheck ingest =
          new ReadinessCheck() {
            @Override
            public String name() {
              return "kinesis-source";
            }

            @Override
            public Result check() {
              return ingestAlive.get()
                  ? Result.up("reading 1 shards")
                  : Result.down("KCL worker down since 2026-12-06T18:00:00Z");
            }
          };
      app = Javalin.create();
      new OpsRoutes(() -> List.of(streams), () -> List.of(ingest), telemetry.registry())
          .register(app);
      app.start("127.0.0.1", 0);
    }
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    telemetry.close();
  }

  @Test
  void shouldAnswerLiveWhileTheProcessIsNotReadyButNothingIsDead() throws Exception {
    HttpResponse<String> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void shouldFailLivenessWith503AndTheFailingPartWhenALivenessCheckFails() throws Exception {
    ingestAlive.set(false);

    HttpResponse<String> live = get("/health/live");

    assertThat(live.statusCode()).isEqualTo(503);
    assertThat(live.body())
        .contains("\"status\":\"DOWN\"")
        .contains("\"kinesis-source\":{")
        .contains("KCL worker down since");
  }

  @Test
  void shouldReportNotReadyWith503AndTheFailingPartThenReady() throws Exception {
    HttpResponse<String> down = get("/health/ready");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body())
        .contains("\"status\":\"DOWN\"")
        .contains("\"detect-streams\":{")
        .contains("REBALANCING");

    streamsUp.set(true);
    HttpResponse<String> up = get("/health/ready");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void shouldServeTocsinAndJvmMetersInPrometheusFormat() throws Exception {
    telemetry.registry().counter("tocsin.alerts.raised", "rule", "lambda-task-timeout").increment();
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("tocsin_alerts_raised_total{rule=\"lambda-task-timeout\"} 1.0")
        .contains("jvm_memory_used_bytes");
  }
}
