package io.tocsin.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.rules.CloudTrailRuleMatcher;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleError;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.DetectionDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * SigmaHQ's 57 AWS CloudTrail rules and its 8 aggregation rules, loaded from their files unchanged:
 * each loads or is refused with its reason, and each that loads fires on the events written for it
 * and stays quiet on the near misses — the match rules through the detector's matcher, the
 * aggregation rules through the detection topology, counting over their timeframe (the wall clock
 * keeps pace with the events, as it does live).
 */
class SigmaHqRulesTest {

  private static final RuleSet RULES =
      RuleLoader.load(
          List.of(SigmaCases.SIGMA.resolve("rules"), SigmaCases.SIGMA.resolve("unsupported")),
          false);

  @Test
  void shouldLoadEverySigmaFileOrRefuseItNamingTheFeature() {
    assertThat(RULES.size()).isEqualTo(63);
    assertThat(RULES.refused())
        .extracting(RuleError::text)
        .hasSize(2)
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("aws_lambda_function_created_or_invoked.yml:")
                    .contains("refused: aggregation near"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("aws_ses_messaging_enabled.yml:")
                    .contains("refused: timeframe without an aggregation"));
  }

  @Test
  void shouldRunTheAggregationRulesAsThresholdCounts() {
    List<CompiledRule> counts =
        RULES.all().stream().filter(r -> r.rule().kind() == Rule.Kind.THRESHOLD).toList();
    assertThat(counts).extracting(CompiledRule::id).hasSize(6);
    CompiledRule macie = RULES.get("sigma-aws-macic-evasion");
    assertThat(macie.rule().groupBy()).containsExactly("$.sourceIPAddress");
    assertThat(macie.rule().alarm().period()).isEqualTo(Duration.ofMinutes(10));
    assertThat(macie.rule().alarm().threshold()).isEqualTo(5.0);
  }

  @Test
  void shouldKeepLevelTagsAuthorFalsePositivesAndReferences() {
    Rule rule = RULES.get("sigma-aws-cloudtrail-disable-logging").rule();
    assertThat(rule.severity().name()).isEqualTo("MEDIUM");
    assertThat(rule.tags()).contains("sigma", "T1685.002", "attack.defense-impairment");
    assertThat(rule.description())
        .contains("False positives:")
        .contains("References: https://")
        .contains("by vitaliy0x1")
        .contains("Detection Rule License 1.1");
    assertThat(rule.runbook()).startsWith("https://");
  }

  @Test
  void shouldHaveAFiringAndAQuietCaseForEveryLoadedRule() {
    List<SigmaCases> cases = SigmaCases.all();
    Set<String> firing =
        cases.stream()
            .filter(SigmaCases::fires)
            .map(SigmaCases::ruleId)
            .collect(Collectors.toSet());
    Set<String> quiet =
        cases.stream().filter(c -> !c.fires()).map(SigmaCases::ruleId).collect(Collectors.toSet());
    Set<String> loaded = RULES.all().stream().map(CompiledRule::id).collect(Collectors.toSet());
    assertThat(firing).containsExactlyInAnyOrderElementsOf(loaded);
    assertThat(quiet).containsExactlyInAnyOrderElementsOf(loaded);
  }

  @TestFactory
  Stream<DynamicTest> shouldAlertExactlyOnTheCasesWrittenToFire() {
    CloudTrailRuleMatcher matcher = new CloudTrailRuleMatcher(RULES);
    return SigmaCases.all().stream()
        .filter(c -> c.repeat() == 1)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () -> {
                      CloudTrailEvent event = c.events().get(0);
                      List<String> alerting = matcher.match(event).ruleIds();
                      if (c.fires()) {
                        assertThat(alerting).contains(c.ruleId());
                      } else {
                        assertThat(alerting).doesNotContain(c.ruleId());
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> shouldCountAggregationsOverTheirTimeframe() {
    return SigmaCases.all().stream()
        .filter(c -> c.repeat() > 1)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () -> {
                      RuleSet one = new RuleSet(List.of(RULES.get(c.ruleId())));
                      try (DetectionDriver driver = new DetectionDriver(one, SigmaCases.T0)) {
                        Instant now = SigmaCases.T0;
                        for (CloudTrailEvent event : c.events()) {
                          driver.advanceWallClock(Duration.between(now, event.eventTime()));
                          now = event.eventTime();
                          driver.pipe(event);
                        }
                        driver.advanceWallClock(
                            Duration.ofMinutes(
                                1)); // a sliding window counts an event once its step (period/60)
                        // ends
                        List<Alert> firing =
                            driver.alerts().stream()
                                .filter(a -> a.status() == AlertStatus.FIRING)
                                .toList();
                        assertThat(firing).hasSize(c.fires() ? 1 : 0);
                      }
                    }));
  }
}
