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
import org.junit.jupiter.params.provider.ValueSource;

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
    assertThat(detail.path("silences"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.path("createdBy").asText()).isEqualTo("alice");
              assertThat(s.path("comment").asText()).isEqualTo("deploy in progress, INC-42");
              assertThat(s.path("endsAt").asText()).isEqualTo(stored.endsAt().toString());
            });
    assertThat(silence.has("warnings")).isFalse();
    JsonNode list = api.json("/api/alerts?rule=lambda-task-timeout");
    assertThat(list.path("alerts")).filteredOn(a -> a.has("silencedBy")).hasSize(1);
  }

  @Test
  void shouldWarnAboutAMatcherNoLoadedRuleOrSeverityCanSatisfy() {
    HttpResponse<String> created =
        post(
            """
            {"matchers": ["rule=no-such-rule", "severity=critcal", "account=123456789012"],
             "duration": "1h", "createdBy": "alice", "comment": "typos"}
            """);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(RunningApi.parse(created.body()).path("warnings"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "matcher rule=no-such-rule matches no rule loaded here (GET /api/rules lists them)",
            "matcher severity=critcal matches no severity; values are critical, high, info, low,"
                + " medium");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rule=~.*", "severity=~.+", "principal=~.*", "status!=open"})
  void shouldRefuseASilenceOfEveryAlertUnlessForced(String matcher) {
    String body =
        """
        {"matchers": ["%s"], "duration": "1h", "createdBy": "alice", "comment": "all"%s}
        """;
    HttpResponse<String> refused = post(body.formatted(matcher, ""));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("match every alert").contains("force");
    assertThat(api.silences().all()).isEmpty();
    HttpResponse<String> forced = post(body.formatted(matcher, ", \"force\": true"));
    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rule=~cis-.*", "log_group!=/aws/lambda/orders-api", "principal=~.+"})
  void shouldAcceptANarrowerSilenceWithoutForce(String matcher) {
    HttpResponse<String> created =
        post(
            """
            {"matchers": ["%s"], "duration": "1h", "createdBy": "alice", "comment": "some"}
            """
                .formatted(matcher));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  @Test
  void shouldAnswer409WhenExpiringAnExpiredSilence() {
    String id =
        RunningApi.parse(
                post("""
                        {"matchers": ["severity=low"], "duration": "1h", "createdBy": "bob", "comment": "x"}
                        """)
                    .body())
            .path("id")
            .asText();
    assertThat(delete(id).statusCode()).isEqualTo(200);

    HttpResponse<String> again = delete(id);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(RunningApi.parse(again.body()).path("message").asText())
        .startsWith("silence " + id + " already expired at ");
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
            "{\"matchers\": [\"rule=x\"], \"duration\": \"99999999999999999d\","
                + " \"createdBy\": \"a\", \"comment\": \"c\"}",
            "duration: a silence lasts at most 365 days, got '99999999999999999d'"),
        Arguments.of(
            "{\"matchers\": [\"rule=x\"], \"duration\": \"999999999999999999999h\","
                + " \"createdBy\": \"a\", \"comment\": \"c\"}",
            "at most 365 days"),
        Arguments.of(
            "{\"matchers\": [\"rule=x\"], " + ok + ", \"force\": \"yes\"}",
            "force: expected true or false"),
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
