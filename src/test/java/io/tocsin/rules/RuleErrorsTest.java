package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule-file errors an operator can act on: every error of a load at once, each as {@code
 * file:line:column: rule ID: field PATH: message}, placed on the line of the key, in plain words
 * and with "did you mean" only when a known key is close — shown on the real default pack and real
 * SigmaHQ files with mistakes put in.
 */
class RuleErrorsTest {

  private static final Path SIGMA = Path.of("src/test/resources/sigma/sigmahq");

  @TempDir Path dir;

  /** The default pack's rates.yaml with {@code edits} applied, each replacing one whole line. */
  private Path ratesWith(String... edits) throws IOException {
    String text;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("rules/default/rates.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = new ArrayList<>(text.lines().toList());
    for (int i = 0; i < edits.length; i += 2) {
      int line = Integer.parseInt(edits[i]);
      String indent = lines.get(line - 1).replaceAll("\\S.*$", "");
      lines.set(line - 1, indent + edits[i + 1]);
    }
    return Files.writeString(dir.resolve("rates.yaml"), String.join("\n", lines) + "\n");
  }

  private static RuleException load(Path... paths) {
    return assertThrows(RuleException.class, () -> RuleLoader.load(List.of(paths), false));
  }

  @Test
  void shouldReportEveryErrorOfARealFileAtOnceEachOnItsLine() throws IOException {
    Path file =
        ratesWith(
            "23", "gruop_by: [log_group]",
            "30", "min_denominator: three",
            "83", "group_by: [log_grop]",
            "113", "colour: red");

    RuleException e = load(file);

    assertThat(e.errors())
        .extracting(RuleError::text)
        .containsExactlyInAnyOrder(
            file
                + ":23:5: rule lambda-failure-rate: field gruop_by: unknown field;"
                + " did you mean 'group_by'?",
            file
                + ":30:7: rule lambda-failure-rate: field alarm.min_denominator:"
                + " expected a whole number, got \"three\"",
            file
                + ":83:5: rule lambda-failure-rate-periodic: field group_by: unknown field"
                + " 'log_grop'; expected one of "
                + GroupKey.LOG_FIELDS
                + " or a $selector;"
                + " did you mean 'log_group'?",
            file + ":113:5: rule lambda-timeout-rate: field colour: unknown field");
    assertThat(e.files()).isEqualTo(1);
    assertThat(e.getMessage()).doesNotContain("Cannot deserialize").doesNotContain("$.rules");
  }

  @Test
  void shouldKeepTheStructuredPartsOfEachError() throws IOException {
    RuleError error = load(ratesWith("30", "min_denominator: three")).errors().get(0);

    assertThat(error.line()).isEqualTo(30);
    assertThat(error.column()).isEqualTo(7);
    assertThat(error.ruleId()).isEqualTo("lambda-failure-rate");
    assertThat(error.field()).isEqualTo("alarm.min_denominator");
    assertThat(error.message()).isEqualTo("expected a whole number, got \"three\"");
    assertThat(error.hint()).isNull();
  }

  @Test
  void shouldReportATabOnLineTwoOnLineTwoWithSnakeYamlsWholeProblem() throws IOException {
    Path file = Files.writeString(dir.resolve("tab.yaml"), "rules:\n\t- id: x\n");

    RuleError error = load(file).errors().get(0);

    assertThat(error.line()).isEqualTo(2);
    assertThat(error.column()).isEqualTo(1);
    assertThat(error.message())
        .isEqualTo(
            "not valid YAML: found character '\\t(TAB)' that cannot start any token. (Do not use"
                + " \\t(TAB) for indentation)");
  }

  @Test
  void shouldNameBothFilesAndLinesOfADuplicateId() throws IOException {
    Path first = ratesWith();
    Path second =
        Files.writeString(
            dir.resolve("mine.yaml"),
            """
            # my override, by mistake next to a copy of the pack
            rules:
              - title: Mine
                id: lambda-failure-rate
                source: logs
                pattern: ERROR
                severity: low
            """);

    assertThat(load(first, second).errors())
        .extracting(RuleError::text)
        .containsExactly(
            second
                + ":4:5: rule lambda-failure-rate: field id: duplicate; also in "
                + first
                + ":12:5");
  }

  @Test
  void shouldPlaceARefusedSigmaRuleAtItsDetectionAndLoadTheRest() throws IOException {
    Path refused = SIGMA.resolve("unsupported/aws_ses_messaging_enabled.yml");
    RuleSet rules =
        RuleLoader.load(List.of(refused, SIGMA.resolve("rules/aws_root_account_usage.yml")), false);

    assertThat(rules.size()).isEqualTo(1);
    RuleError error = rules.refused().get(0);
    assertThat(error.file()).isEqualTo(refused.toString());
    assertThat(error.line()).isEqualTo(16);
    assertThat(error.ruleId()).startsWith("sigma '").contains("Email Service");
    assertThat(error.message()).startsWith("refused: timeframe without an aggregation");
  }

  @Test
  void shouldPlaceAYamlErrorOfASigmaFile() throws IOException {
    String text = Files.readString(SIGMA.resolve("rules/aws_root_account_usage.yml"));
    Path broken =
        Files.writeString(dir.resolve("root.yml"), text.replace("    condition:", "\tcondition:"));
    int line = (int) text.substring(0, text.indexOf("    condition:")).lines().count() + 1;

    RuleError error = load(broken).errors().get(0);

    assertThat(error.place()).isEqualTo(broken + ":" + line + ":1");
    assertThat(error.message()).contains("cannot start any token");
  }
}
