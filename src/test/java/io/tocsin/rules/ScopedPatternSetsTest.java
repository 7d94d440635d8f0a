package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.LogEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopedPatternSetsTest {

  private static final String RULES =
      """
      rules:
        - id: lambda-timeout
          title: Lambda timeout
          source: logs
          pattern: '"Task timed out"'
          severity: high
          log_groups: ["/aws/lambda/*"]
        - id: any-timeout
          title: Any timeout
          source: logs
          pattern: '"timed out"'
          severity: low
        - id: gateway-timeout
          title: API Gateway timeout
          source: logs
          pattern: '"timed out"'
          severity: low
          log_groups: ["/aws/apigateway/*"]
      """;

  @TempDir Path dir;

  private RuleSet rules() throws IOException {
    return RuleLoader.load(List.of(Files.writeString(dir.resolve("r.yaml"), RULES)), false);
  }

  private static RuleEvent event(String logGroup, String message) {
    return RuleEvent.of(new LogEvent("123456789012", logGroup, "s", "1", 0, message, null));
  }

  private static List<String> ids(List<CompiledRule> rules) {
    return rules.stream().map(CompiledRule::id).toList();
  }

  @Test
  void shouldMatchOnlyTheRulesInScopeOfTheEventsLogGroupInLoadOrder() throws IOException {
    RuleSet rules = rules();
    String message = "2024-01-01 Task timed out after 3.00 seconds";

    assertThat(ids(rules.matching(Rule.Source.LOGS, event("/aws/lambda/orders", message))))
        .containsExactly("lambda-timeout", "any-timeout");
    assertThat(ids(rules.matching(Rule.Source.LOGS, event("/aws/apigateway/shop", message))))
        .containsExactly("any-timeout", "gateway-timeout");
    assertThat(ids(rules.matching(Rule.Source.LOGS, event("/ecs/web", message))))
        .containsExactly("any-timeout");
    assertThat(ids(rules.matching(Rule.Source.LOGS, event(null, message))))
        .containsExactly("any-timeout");
  }

  @Test
  void shouldShareOneSetAmongLogGroupsWithTheSameRulesInScope() throws IOException {
    List<CompiledRule> all = rules().all();
    ScopedPatternSets<CompiledRule> sets =
        new ScopedPatternSets<>(all, rule -> rule, CompiledRule::pattern);

    assertThat(sets.forLogGroup("/aws/lambda/a")).isSameAs(sets.forLogGroup("/aws/lambda/b"));
    assertThat(sets.forLogGroup("/aws/lambda/a")).isNotSameAs(sets.forLogGroup("/ecs/web"));
    assertThat(sets.forLogGroup("/aws/lambda/a").size()).isEqualTo(2);
    assertThat(sets.forLogGroup("/ecs/web").size()).isEqualTo(1);
    assertThat(sets.forLogGroup("/ecs/web")).isSameAs(sets.forLogGroup(null));
  }

  @Test
  void shouldKeepAnsweringRightAfterTheLogGroupMemoStartsOver() throws IOException {
    List<CompiledRule> all = rules().all();
    ScopedPatternSets<CompiledRule> sets =
        new ScopedPatternSets<>(all, rule -> rule, CompiledRule::pattern);
    for (int i = 0; i <= ScopedPatternSets.MAX_LOG_GROUPS; i++) {
      sets.forLogGroup("/aws/lambda/fn-" + i);
    }

    assertThat(sets.forLogGroup("/aws/apigateway/x").size()).isEqualTo(2);
    assertThat(sets.forLogGroup("/aws/lambda/fn-0").size()).isEqualTo(2);
  }
}
