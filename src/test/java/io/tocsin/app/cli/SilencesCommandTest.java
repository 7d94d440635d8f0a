package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Silence;
import io.tocsin.testing.RunningApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SilencesCommandTest {

  private static RunningApi api;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    api = new RunningApi();
    env = Map.of("TOCSIN_SERVER", api.url(), "TOCSIN_API_TOKEN", RunningApi.TOKEN, "USER", "carol");
  }

  @BeforeEach
  void forgetSilences() {
    api.silences().clear();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private CliRun silences(String... args) {
    return CliRun.of(new SilencesCommand(env::get), args);
  }

  @Test
  void shouldCreateListAndExpireASilence() {
    CliRun created =
        silences(
            "create",
            "-m",
            "rule=lambda-task-timeout",
            "-m",
            "log_group=~/aws/lambda/docs-.*",
            "--duration",
            "2h",
            "--comment",
            "deploy CHG-1234");
    assertThat(created.code()).as(created.err()).isZero();
    Silence silence = api.silences().all().get(0);
    assertThat(silence.createdBy()).isEqualTo("carol");
    assertThat(Duration.between(silence.startsAt(), silence.endsAt()))
        .isEqualTo(Duration.ofHours(2));
    assertThat(created.out()).startsWith("created silence " + silence.id() + "\n");

    CliRun listed = silences("list");
    assertThat(listed.out().lines().toList().get(0)).startsWith("ID").contains("MATCHERS");
    assertThat(listed.out())
        .contains(silence.id() + "  active")
        .contains("rule=lambda-task-timeout, log_group=~/aws/lambda/docs-.*")
        .contains("1 silences");

    CliRun expired = silences("expire", silence.id());
    assertThat(expired.out()).isEqualTo("expired silence " + silence.id() + "\n");
    assertThat(silences("list").out()).contains("0 silences");
    JsonNode all = RunningApi.parse(silences("list", "--expired", "--json").out());
    assertThat(all.path("silences").get(0).path("state").asText()).isEqualTo("expired");

    CliRun again = silences("expire", silence.id());
    assertThat(again.code()).isNotZero();
    assertThat(again.err())
        .contains("server answered 409: silence " + silence.id() + " already expired at");
  }

  @Test
  void shouldRefuseASilenceOfEverythingUnlessForcedAndPrintWarnings() {
    CliRun refused = silences("create", "-m", "rule=~.*", "--duration", "1h", "--comment", "all");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("match every alert").contains("--force");
    assertThat(api.silences().all()).isEmpty();

    CliRun forced =
        silences("create", "-m", "rule=~.*", "--duration", "1h", "--comment", "all", "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(api.silences().all()).hasSize(1);

    CliRun typo =
        silences("create", "-m", "severity=critcal", "--duration", "1h", "--comment", "typo");
    assertThat(typo.code()).as(typo.err()).isZero();
    assertThat(typo.out())
        .contains(
            "warning: matcher severity=critcal matches no severity; values are critical, high,"
                + " info, low, medium");
  }

  @Test
  void shouldCreateUntilATimeAndPrintJson() {
    String until =
        Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).toString();
    CliRun run =
        silences(
            "create",
            "-m",
            "severity=low",
            "--until",
            until,
            "--comment",
            "sandbox noise",
            "--created-by",
            "dave",
            "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode silence = RunningApi.parse(run.out());
    assertThat(silence.path("endsAt").asText()).isEqualTo(until);
    assertThat(silence.path("createdBy").asText()).isEqualTo("dave");
  }

  @Test
  void shouldRefuseAMissingEndOrABadMatcherWithAClearMessage() {
    CliRun noEnd = silences("create", "-m", "severity=low", "--comment", "x");
    assertThat(noEnd.code()).isEqualTo(2);
    assertThat(noEnd.err()).contains("Missing required argument").contains("--duration");

    CliRun badMatcher = silences("create", "-m", "severity", "--duration", "1h", "--comment", "x");
    assertThat(badMatcher.code()).isEqualTo(2);
    assertThat(badMatcher.err())
        .startsWith("tocsin: server answered 400: matchers: expected name=value");

    CliRun unknown = silences("expire", "nope");
    assertThat(unknown.err()).isEqualTo("tocsin: server answered 404: no silence with id nope\n");
  }

  @Test
  void shouldShowExamplesInEveryHelp() {
    for (String sub : new String[] {"list", "create", "expire"}) {
      CliRun run = silences(sub, "--help");
      assertThat(run.out()).as(sub).contains("Examples:").contains("tocsin silences " + sub);
    }
  }
}
