package io.tocsin.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.app.cli.TocsinCommand;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.testing.LambdaTraffic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tocsin replay --until}: after the last record the clock runs on, so the final periods of
 * rate rules are evaluated and their alarms resolve; the summary counts late events per rule.
 */
class ReplayUntilTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path lines;

  /** Three minutes of a Lambda failing 30 % of its invocations, as timestamped lines. */
  @BeforeEach
  void writeTraffic() throws IOException {
    List<String> text = new ArrayList<>();
    for (LogEvent e : new LambdaTraffic(3).invocations("f", T0, Duration.ofMinutes(3), 2, 0.3)) {
      text.add(Instant.ofEpochMilli(e.timestamp()) + " " + e.message().replace('\n', ' '));
    }
    text.add(T0.plusSeconds(20) + " 2ea49a23 Task timed out after 3.00 seconds"); // 2m40s late
    lines = Files.write(dir.resolve("f.log"), text);
  }

  private List<String> replay(String... options) throws IOException {
    CommandLine cmd = TocsinCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    List<String> args =
        new ArrayList<>(List.of("replay", "--format", "lines", "--log-group", "/aws/lambda/f"));
    args.addAll(List.of(options));
    args.add(lines.toString());
    assertThat(cmd.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
    List<String> changes = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        Alert a = Json.MAPPER.readValue(line, Alert.class);
        changes.add(a.rule().id() + " " + a.status().label());
      }
    }
    return changes;
  }

  @Test
  void shouldResolveAfterTrafficStopsByDefault() throws IOException {
    assertThat(replay())
        .contains(
            "lambda-failure-rate firing",
            "lambda-failure-rate resolved",
            "lambda-failure-rate-periodic firing",
            "lambda-failure-rate-periodic resolved");
    assertThat(err.toString())
        .as("the one late timeout counts for each rate rule it is an observation of")
        .contains(
            "late events: {lambda-failure-rate=1, lambda-failure-rate-periodic=1,"
                + " lambda-timeout-rate=1}");
  }

  @Test
  void shouldStopAtTheLastEventWithEnd() throws IOException {
    assertThat(replay("--until", "end"))
        .contains("lambda-failure-rate firing")
        .doesNotContain("lambda-failure-rate resolved", "lambda-failure-rate-periodic resolved");
  }

  @Test
  void shouldRunToAFixedTime() throws IOException {
    assertThat(replay("--until", T0.plus(Duration.ofMinutes(5)).toString()))
        .as("the sliding minute is quiet by 10:04:01; the periodic twin keeps ALARM until 10:08")
        .contains("lambda-failure-rate resolved")
        .doesNotContain("lambda-failure-rate-periodic resolved");
  }

  @Test
  void shouldParseTimesAndPeriodsAndNameWhatItExpects() {
    assertThat(ReplayUntil.parse("end+10m").after(T0)).isEqualTo(T0.plusSeconds(600));
    assertThat(ReplayUntil.parse("end").after(T0)).isEqualTo(T0);
    assertThat(ReplayUntil.parse("2026-11-26T11:00:00Z").after(T0)).isEqualTo(T0.plusSeconds(3600));
    assertThatThrownBy(() -> ReplayUntil.parse("end+soon"))
        .hasMessage("--until: expected end+PERIOD such as end+10m, got 'end+soon'");
    assertThatThrownBy(() -> ReplayUntil.parse("tomorrow"))
        .hasMessageStartingWith("--until: expected a time such as 2026-11-26T10:15:00Z");
  }
}
