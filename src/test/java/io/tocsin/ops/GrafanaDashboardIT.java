package io.tocsin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.app.LocalRun;
import io.tocsin.config.TocsinConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the Helm chart's Grafana dashboard names meters that {@code /metrics} exports:
 * scraped from the whole pipeline running locally (Kinesis through the KCL, the three Streams
 * applications, delivery to the PagerDuty stand-in), once traffic has raised and paged alerts.
 */
class GrafanaDashboardIT {

  private static final Path DASHBOARD = RenderedChart.CHART.resolve(HelmChartTest.DASHBOARD);

  /** A metric name in PromQL: tocsin's meters and the binders' (JVM, process, Kafka). */
  private static final Pattern METRIC = Pattern.compile("\\b(?:tocsin|kafka|jvm|process)_\\w+");

  @TempDir Path dir;

  @Test
  void shouldNameOnlyMetersThatTheMetricsEndpointExports() throws Exception {
    Set<String> wanted = dashboardMetrics();
    assertThat(wanted).as("metric names in the dashboard's queries").hasSizeGreaterThan(10);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    try (LocalRun run =
        LocalRun.start(TocsinConfig.defaults(), dir, 200, 42, port, out, () -> {})) {
      HttpRequest scrape =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      HttpClient http = HttpClient.newHttpClient();
      await()
          .atMost(Duration.ofMinutes(6))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                String page = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
                assertThat(exported(page))
                    .as("exported meters; local run: %s", console)
                    .containsAll(wanted);
              });
    }
  }

  private static Set<String> dashboardMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> names = new TreeSet<>();
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher metric = METRIC.matcher(expr.asText());
      boolean any = false;
      while (metric.find()) {
        names.add(metric.group());
        any = true;
      }
      assertThat(any).as("a metric name in %s", expr).isTrue();
    }
    return names;
  }

  /** The metric names of a Prometheus text page (histogram and summary series included). */
  private static Set<String> exported(String page) {
    Set<String> names = new TreeSet<>();
    page.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    return names;
  }
}
