package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void shouldLoadTheDefaultPackWithEveryInlineTestPassing() {
    RuleSet rules = RuleLoader.load(List.of());
    assertThat(rules.size()).isGreaterThanOrEqualTo(19);
    assertThat(RuleExamples.run(rules))
        .filteredOn(o -> !o.passed())
        .extracting(RuleExamples.Outcome::label)
        .isEmpty();
  }

  @Test
  void shouldFillDefaultsAndLetAUserRuleOverrideADefaultOne() throws IOException {
    write(
        "mine.yaml",
        """
        rules:
          - id: lambda-task-timeout
            title: Timeouts (team override)
            source: logs
            pattern: '"Task timed out"'
            severity: critical
        """);
    RuleSet rules = RuleLoader.load(List.of(dir));
    CompiledRule rule = rules.get("lambda-task-timeout");
    assertThat(rule.rule().title()).isEqualTo("Timeouts (team override)");
    assertThat(rule.rule().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rule.rule().groupBy()).containsExactly("log_group");
    assertThat(rule.rule().suppression()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rule.rule().kind()).isEqualTo(Rule.Kind.MATCH);
  }

  @Test
  void shouldNameFileRuleAndFieldOfASchemaViolation() throws IOException {
    Path file =
        write(
            "bad.yaml",
            """
            rules:
              - id: noisy
                title: Noisy
                source: logs
                pattern: ERROR
                severity: urgent
            """);
    assertThatThrownBy(() -> RuleLoader.load(List.of(dir), false))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            file
                + ":6:5: rule noisy: field severity: expected one of [critical, high, medium, low,"
                + " info], got \"urgent\"");
  }

  @Test
  void shouldReportAnInvalidPatternWithItsPositionAndNoStackTrace() throws IOException {
    Path file =
        write(
            "bad.yaml",
            """
            rules:
              - id: broken-json
                title: Broken
                source: cloudtrail
                pattern: '{ $.eventName = "x" '
                severity: low
            """);
    assertThatThrownBy(() -> RuleLoader.load(List.of(dir), false))
        .isInstanceOf(RuleException.class)
        .hasMessageStartingWith(file + ":5:5: rule broken-json: field pattern: ")
        .hasMessageContaining("position");
  }

  @Test
  void shouldRejectAnUnknownFieldAndAnUnknownGroupByField() throws IOException {
    Path file =
        write(
            "bad.yaml",
            """
            rules:
              - id: typo
                title: Typo
                source: logs
                pattern: ERROR
                severity: low
                suppresion: 5m
              - id: grouped
                title: Grouped
                source: logs
                pattern: ERROR
                severity: low
                group_by: [function]
            """);
    assertThatThrownBy(() -> RuleLoader.load(List.of(dir), false))
        .isInstanceOf(RuleException.class)
        .hasMessageStartingWith(
            file
                + ":7:5: rule typo: field suppresion: unknown field; did you mean 'suppression'?\n"
                + file
                + ":13:5: rule grouped: field group_by: unknown field 'function'");
    Files.writeString(
        file,
        """
        rules:
          - id: grouped
            title: Grouped
            source: logs
            pattern: ERROR
            severity: low
            group_by: [function]
        """);
    assertThatThrownBy(() -> RuleLoader.load(List.of(dir), false))
        .hasMessage(
            file
                + ":7:5: rule grouped: field group_by: unknown field 'function'; expected one of "
                + GroupKey.LOG_FIELDS
                + " or a $selector");
  }

  @Test
  void shouldReportEveryProblemAtOnceIncludingDuplicateIdsAcrossFiles() throws IOException {
    String rule =
        """
        rules:
          - id: same
            title: Same
            source: logs
            pattern: ERROR
            severity: low
        """;
    write("a.yaml", rule);
    write("b.yaml", rule);
    write("c.yaml", "rules: [ { id: x ");
    RuleException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuleException.class, () -> RuleLoader.load(List.of(dir), false));
    assertThat(e.getMessage().lines().toList()).hasSize(2);
    assertThat(e.getMessage().lines().toList().get(0))
        .isEqualTo(
            dir.resolve("b.yaml")
                + ":2:5: rule same: field id: duplicate; also in "
                + dir.resolve("a.yaml")
                + ":2:5");
    assertThat(e.getMessage().lines().toList().get(1)).startsWith(dir.resolve("c.yaml") + ":1:");
    assertThat(e.getMessage().lines().toList().get(1)).contains(": not valid YAML: ");
  }

  @Test
  void shouldPlaceAYamlErrorAtTheLineAndColumnOfTheOffendingCharacter() throws IOException {
    write("tab.yaml", "rules:\n\t- id: x\n");
    write("unclosed.yaml", "rules:\n  - id: x\n    title: \"never closed\n    source: logs\n");
    RuleException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuleException.class, () -> RuleLoader.load(List.of(dir), false));

    assertThat(e.getMessage().lines().toList())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(dir.resolve("tab.yaml") + ":2:1: not valid YAML: ")
                    .contains("cannot start any token"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(dir.resolve("unclosed.yaml") + ":5:1: not valid YAML: ")
                    .contains("quoted scalar at line 3"));
  }

  @Test
  void shouldRefuseAMissingRuleDirectory() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> RuleLoader.load(List.of(missing)))
        .hasMessage(missing + ": no such rule directory or file");
  }

  @Test
  void shouldSuggestTheKnownKeyForAMisspeltOne() throws IOException {
    write(
        "typo.yaml",
        """
        rules:
          - id: typo
            title: Typo
            source: logs
            pattern: ERROR
            severty: low
        """);
    RuleException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuleException.class, () -> RuleLoader.load(List.of(dir), false));

    assertThat(e.getMessage().lines().toList())
        .anySatisfy(p -> assertThat(p).contains("severty").endsWith("; did you mean 'severity'?"));
    assertThat(KeyHints.didYouMean("zzzzzz")).isNull();
    assertThat(io.tocsin.config.Spelling.distance("supression", "suppression")).isEqualTo(1);
  }
}
