package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tocsin rules validate}: every error at once, one line each, a count, and exit codes. */
class RulesCommandTest {

  private static final Path SIGMA = Path.of("src/test/resources/sigma/sigmahq");

  @TempDir Path dir;

  @Test
  void shouldListEveryErrorOfEveryFileThenACountAndExitTwo() throws Exception {
    Path typo =
        Files.writeString(
            dir.resolve("a.yaml"),
            """
            rules:
              - id: noisy
                title: Noisy
                source: logs
                pattern: ERROR
                severity: hihg
                gruop_by: [log_group]
            """);
    Path tab = Files.writeString(dir.resolve("b.yaml"), "rules:\n\t- id: x\n");

    CliRun run = CliRun.of(new RulesCommand(), "validate", "--no-defaults", dir.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .containsExactly(
            typo
                + ":6:5: rule noisy: field severity: expected one of [critical, high, medium,"
                + " low, info], got \"hihg\"; did you mean 'high'?",
            typo + ":7:5: rule noisy: field gruop_by: unknown field; did you mean 'group_by'?",
            tab
                + ":2:1: not valid YAML: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation)",
            "tocsin: 3 errors in 2 files");
  }

  @Test
  void shouldPassTheDefaultPackAndCountItsRules() {
    CliRun run = CliRun.of(new RulesCommand(), "validate");

    assertThat(run.code()).isZero();
    assertThat(run.out()).matches("\\d+ rules valid\\R");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void shouldPrintRefusedSigmaRulesAtTheirLineAndExitOne() {
    Path refused = SIGMA.resolve("unsupported/aws_ses_messaging_enabled.yml");

    CliRun run = CliRun.of(new RulesCommand(), "validate", "--no-defaults", refused.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .hasSize(2)
        .first()
        .asString()
        .startsWith(refused + ":16:1: rule sigma 'Potential AWS Cloud Email Service Abuse' (")
        .contains("refused: timeframe without an aggregation");
    assertThat(run.out().lines().toList().get(1)).isEqualTo("0 rules valid, 1 Sigma rules refused");
  }
}
