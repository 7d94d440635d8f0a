package io.tocsin.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.tocsin.app.bench.TocsinProcess;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.SnsSettings;
import io.tocsin.config.TocsinConfig;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.notify.KafkaFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash window of a standard SNS topic, measured: {@code tocsin run} (the shaded jar in a child
 * JVM) publishes a burst of new incidents to an SNS stand-in and is killed with SIGKILL several
 * times in the middle of it, each time started again on the same state. No change may be lost; a
 * change is published twice only when the kill fell between SNS's reply and Kafka acknowledging its
 * receipt. Prints the duplicates per kill and the window ({@code tocsin.delivery.unrecorded})
 * against the time one publish takes.
 */
class FaultKillDuringSnsPublishIT {

  private static final Path JAR = Path.of("target", "tocsin.jar");
  private static final String APPLICATION = "fault-sns";
  private static final String GROUP = APPLICATION + "-notify";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:fault-sns";
  private static final int INCIDENTS = 240;
  private static final int KILLS = 5;
  private static final int PUBLISH_MILLIS = 20;
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Pattern MESSAGE = Pattern.compile("(?:^|&)Message=([^&]*)");

  @RegisterExtension
  static WireMockExtension sns =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @TempDir static Path dir;

  @Test
  void shouldLoseNoChangeAndRepublishAtMostTheOneInTheWindowPerKill() throws Exception {
    assertThat(JAR).as("failsafe runs after package, which builds the jar").exists();
    sns.stubFor(
        post("/")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(PUBLISH_MILLIS)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<PublishResponse><PublishResult><MessageId>m</MessageId></PublishResult>"
                            + "</PublishResponse>")));
    try (KafkaFixture kafka = KafkaFixture.start(dir)) {
      List<Alert> changes =
          IntStream.range(0, INCIDENTS)
              .mapToObj(i -> alert().fingerprint("fault-sns-" + i).build())
              .toList();
      kafka.produce(changes);
      TocsinConfig config = config(kafka.bootstrapServers());
      List<String> windows = new ArrayList<>();
      int step = INCIDENTS / (KILLS + 1);
      for (int kill = 1; kill <= KILLS; kill++) {
        int target = kill * step;
        TocsinProcess run = start(config, "run-" + kill);
        try {
          await().atMost(WAIT).until(() -> published().size() >= target);
          windows.add(scrapeWindow(config));
        } finally {
          run.kill();
        }
      }
      try (TocsinProcess last = start(config, "last")) {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    kafka.committed(GROUP) == kafka.alertsEnd()
                        && published().stream().distinct().count() == INCIDENTS);
        List<String> ids = published();
        Map<String, Long> counts =
            ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long duplicates = ids.size() - counts.size();
        System.out.printf(
            "FAULT SNS standard topic, tocsin run killed (SIGKILL) %d times while publishing %d new"
                + " incidents (stand-in reply after %d ms), restarted each time: published %d,"
                + " distinct %d, lost %d, duplicate publishes %d (%.2f per kill); window from"
                + " SNS's reply to the receipt acknowledged by Kafka"
                + " (tocsin.delivery.unrecorded count/mean/max per run): %s%n",
            KILLS,
            INCIDENTS,
            PUBLISH_MILLIS,
            ids.size(),
            counts.size(),
            INCIDENTS - counts.size(),
            duplicates,
            (double) duplicates / KILLS,
            windows);

        assertThat(counts.keySet())
            .as("every change published")
            .containsExactlyInAnyOrderElementsOf(changes.stream().map(Alert::id).toList());
        assertThat(duplicates)
            .as("at most the one change in flight per kill is published again")
            .isLessThanOrEqualTo(KILLS);
        assertThat(last.alive()).isTrue();
      }
    }
  }

  /** Every change routed to one standard SNS topic, none grouped or capped. */
  private static TocsinConfig config(String bootstrapServers) {
    ReceiverSettings topic =
        new ReceiverSettings(
            "sns",
            null,
            new SnsSettings(TOPIC, "us-east-1", sns.baseUrl(), true, Duration.ofSeconds(5)),
            List.of(ReceiverSettings.EACH_ALERT),
            null,
            10_000);
    return NotifierOnlyConfig.of(bootstrapServers, APPLICATION, dir, topic);
  }

  private static TocsinProcess start(TocsinConfig config, String name) {
    return TocsinProcess.start(
        JAR.toString(), List.of("-Xmx384m"), config, Map.of(), dir.resolve(name));
  }

  /** {@code count/mean ms/max ms} of {@code tocsin.delivery.unrecorded} on the run's /metrics. */
  private static String scrapeWindow(TocsinConfig config) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.api().port() + "/metrics"))
            .build();
    String page =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    double count = sample(page, "tocsin_delivery_unrecorded_seconds_count");
    double sum = sample(page, "tocsin_delivery_unrecorded_seconds_sum");
    double max = sample(page, "tocsin_delivery_unrecorded_seconds_max");
    return String.format("%.0f/%.1f/%.1f", count, 1000 * sum / count, 1000 * max);
  }

  private static double sample(String page, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$").matcher(page);
    if (!m.find()) {
      throw new AssertionError(name + " not on /metrics");
    }
    return Double.parseDouble(m.group(1));
  }

  /** The alert id of every publish the stand-in answered, oldest first. */
  private static List<String> published() {
    return sns.getAllServeEvents().stream()
        .map(FaultKillDuringSnsPublishIT::alertId)
        .collect(Collectors.toList());
  }

  private static String alertId(ServeEvent served) {
    Matcher m = MESSAGE.matcher(served.getRequest().getBodyAsString());
    if (!m.find()) {
      throw new AssertionError("a publish without a Message");
    }
    try {
      String structure = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      String body = Json.MAPPER.readTree(structure).path("default").asText();
      return Json.MAPPER.readTree(body).path("alert").path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
