package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import io.tocsin.model.Silence;
import io.tocsin.testing.RunningApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SilenceApiTest {

  private static RunningApi api;

  @BeforeAll
  static void start() {
    api = new RunningApi();
  }

  @BeforeEach
  void forgetSilences() {
    api.silences().clear();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private HttpResponse<String> post(String json) {
    return api.send(
        api.request("/api/silences")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpResponse<String> delete(String id) {
    return api.send(api.request("/api/silences/" + id).DELETE().build());
  }

  @Test
  void shouldCreateASilenceThatMarksTheAlertsItCovers() {
    HttpResponse<String> created =
        post(
            """
            {"matchers": ["rule=lambda-task-timeout", {"name": "log_group", "op": "=~", "value": "/aws/lambda/docs-.*"}],
             "duration": "2h", "createdBy": "alice", "comment": "deploy in progress, INC-42"}
            """);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode silence = RunningApi.parse(created.body());
    String id = silence.path("id").asText();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/silences/" + id);
    assertThat(silence.path("state").asText()).isEqualTo("active");
    assertThat(silence.path("matchers").get(1).path("op").asText()).isEqualTo("=~");
    Silence stored = api.silences().get(id).orElseThrow();
    assertThat(Duration.between(stored.startsAt(), stored.endsAt())).isEqualTo(Duration.ofHours(2));
    assertThat(stored.createdBy()).isEqualTo("alice");

    Alert timeout =
        api.alerts().stream()
            .filter(a -> a.rule().id().equals("lambda-task-timeout"))
            .filter(a -> a.resource().logGroup().equals("/aws/lambda/docs-examples"))
            .findFirst()
            .orElseThrow();
    JsonNode detail = api.json("/api/alerts/" + timeout.fingerprint()).path("alert");
    assertThat(detail.path("silencedBy")).extracting(JsonNode::asText).containsExactly(id);
    JsonNode list = api.json("/api/alerts?rule=lambda-task-timeout");
    assertThat(list.path("alerts")).filteredOn(a -> a.has("silencedBy")).hasSize(1);
  }

  @Test
  void shouldListCurrentSilencesAndExpireOne() {
    String id =
        RunningApi.parse(
                post("""
            {"matchers": ["severity=low"], "endsAt": "%s", "createdBy": "bob", "comment": "noise"}
            """
                        .formatted(Instant.now().plus(Duration.ofDays(1))))
                    .body())
            .path("id")
            .asText();
    assertThat(api.json("/api/silences").path("silences"))
        .extracting(s -> s.path("id").asText())
        .containsExactly(id);

    HttpResponse<String> expired = delete(id);

    assertThat(expired.statusCode()).isEqualTo(200);
    assertThat(RunningApi.parse(expired.body()).path("state").asText()).isEqualTo("expired");
    assertThat(api.json("/api/silences").path("silences")).isEmpty();
    assertThat(api.json("/api/silences?expired=true").path("silences")).hasSize(1);
  }

  @Test
  void shouldAnswer404WhenExpiringAnUnknownSilence() {
    HttpResponse<String> response = delete("no-such-silence");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no silence with id no-such-silence");
  }

  static Stream<Arguments> badSilences() {
    String ok = "\"duration\": \"1h\", \"createdBy\": \"a\", \"comment\": \"c\"";
    return Stream.of(
        Arguments.of("not json", "body is not valid JSON"),
        Arguments.of("[1, 2]", "body must be a JSON object"),
        Arguments.of("{" + ok + "}", "matchers: give at least one"),
        Arguments.of("{\"matchers\": [\"severity\"], " + ok + "}", "expected name=value"),
        Arguments.of("{\"matchers\": [\"rule=~(\"], " + ok + "}", "invalid regex"),
        Arguments.of(
            "{\"matchers\": [\"rule=x\"], \"duration\": \"1h\", \"createdBy\": \"a\"}",
            "comment is required"),
        Arguments.of(
            "{\"matchers\": [\"rule=x\"], \"createdBy\": \"a\", \"comment\": \"c\"}",
            "give either endsAt or duration"),
        Arguments.of(
            "{\"matchers\": [\"rule=x\"], \"duration\": \"soon\", \"createdBy\": \"a\","
                + " \"comment\": \"c\"}",
            "expected a duration such as"),
        Arguments.of(
            "{\"matchers\": [\"rule=x\"], \"endsAt\": \"2020-01-01T00:00:00Z\","
                + " \"createdBy\": \"a\", \"comment\": \"c\"}",
            "endsAt must be in the future"),
        Arguments.of(
            "{\"matchers\": [\"rule=x\"], \"duration\": \"400d\", \"createdBy\": \"a\","
                + " \"comment\": \"c\"}",
            "at most 365 days"),
        Arguments.of(
            "{\"matchers\": [\"rule=x\"], " + ok + ", \"owner\": \"me\"}",
            "unknown field 'owner'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSilences")
  void shouldAnswer400ForABadSilence(String body, String message) {
    HttpResponse<String> response = post(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(RunningApi.parse(response.body()).path("message").asText()).contains(message);
    assertThat(api.silences().all()).isEmpty();
  }
}
