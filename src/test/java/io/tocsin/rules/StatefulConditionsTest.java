package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tocsin.testing.TrailRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code after:} and {@code distinct:} conditions as rule files write them: which events are
 * candidates or first steps, how actors and values are read, and the errors that name file, rule
 * and field.
 */
class StatefulConditionsTest {

  private static final String RULES =
      """
      rules:
        - id: login
          title: Console sign-in
          source: cloudtrail
          pattern: '{ $.eventName = ConsoleLogin }'
          severity: low
        - id: login-precise
          title: Console sign-in without MFA
          source: cloudtrail
          pattern: '{ $.eventName = ConsoleLogin && $.additionalEventData.MFAUsed = No }'
          severity: medium
          supersedes: [login]
        - id: change-after-login
          title: IAM change after sign-in
          source: cloudtrail
          pattern: '{ $.eventSource = iam.amazonaws.com && $.readOnly IS FALSE }'
          severity: high
          conditions:
            - after: {rule: login, within: 10m}
        - id: many-apis
          title: Many APIs
          source: cloudtrail
          pattern: '{ $.eventName = "List*" }'
          severity: medium
          conditions:
            - distinct: {value: [$.requestParameters.missing, event_name], per: identity, at_least: 3}
      """;

  @TempDir Path dir;
  private final TrailRecords trail = new TrailRecords();

  private RuleSet load(String yaml) throws IOException {
    Files.writeString(dir.resolve("rules.yaml"), yaml);
    return RuleLoader.load(List.of(dir), false);
  }

  @Test
  void shouldBeginASequenceEvenWhereAPreciseRuleSupersedesItsFirstRule() throws IOException {
    CloudTrailRuleMatcher matcher = new CloudTrailRuleMatcher(load(RULES));
    Instant t = Instant.parse("2026-11-02T09:00:00Z");

    CloudTrailRuleMatcher.Result login = matcher.match(trail.consoleLogin("alice", false, t));
    assertThat(login.ruleIds()).containsExactly("login-precise");
    assertThat(login.steps()).extracting(m -> m.rule().id()).containsExactly("change-after-login");

    CloudTrailRuleMatcher.Result change =
        matcher.match(
            trail.userCall(
                "alice", "iam.amazonaws.com", "CreateAccessKey", "{}", t.plusSeconds(60)));
    assertThat(change.ruleIds()).as("decided by the keyed detector, not per event").isEmpty();
    assertThat(change.keyed()).extracting(m -> m.rule().id()).containsExactly("change-after-login");
    KeyedCondition after = change.keyed().get(0).rule().conditions().keyed();
    assertThat(after.key(change.event())).isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(after.horizon()).hasMinutes(10);
  }

  @Test
  void shouldCountPerRoleWithTheFirstPresentValue() throws IOException {
    CloudTrailRuleMatcher matcher = new CloudTrailRuleMatcher(load(RULES));
    CloudTrailRuleMatcher.Result listed =
        matcher.match(
            trail.roleCall(
                "deploy",
                "build-42",
                "ASIAEXAMPLE",
                "iam.amazonaws.com",
                "ListRoles",
                "{}",
                "198.51.100.7",
                Instant.parse("2026-11-02T09:00:00Z")));

    KeyedCondition distinct = listed.keyed().get(0).rule().conditions().keyed();
    assertThat(distinct.key(listed.event()))
        .as("identity: the role, whatever the session")
        .isEqualTo("arn:aws:iam::111122223333:role/deploy");
    assertThat(distinct.value(listed.event())).isEqualTo("ListRoles");
    assertThat(distinct.keyName()).isEqualTo("identity");
  }

  @Test
  void shouldNameFileRuleAndFieldOfABadStatefulCondition() {
    String file = dir.resolve("rules.yaml").toString();
    String yaml =
        """
        rules:
          - id: first
            title: First
            source: cloudtrail
            pattern: '{ $.eventName = X }'
            severity: low
            conditions: [{distinct: {value: event_name, at_least: 5}}]
          - id: a
            title: A
            source: cloudtrail
            pattern: '{ $.eventName = Y }'
            severity: low
            conditions: [{after: {rule: nowhere}}]
          - id: b
            title: B
            source: cloudtrail
            pattern: '{ $.eventName = Y }'
            severity: low
            conditions: [{after: {rule: first}}]
          - id: c
            title: C
            source: cloudtrail
            pattern: '{ $.eventName = Y }'
            severity: low
            conditions: [{distinct: {value: who, at_least: 5}}]
          - id: d
            title: D
            source: cloudtrail
            pattern: '{ $.eventName = Y }'
            severity: low
            conditions: [{distinct: {value: event_name, at_least: 5}}, {after: {rule: first}}]
        """;
    RuleException e = assertThrows(RuleException.class, () -> load(yaml));
    assertThat(e.errors())
        .extracting(err -> err.ruleId() + ": " + err.field() + ": " + err.message())
        .containsExactlyInAnyOrder(
            "a: conditions.after.rule: no other rule has the id 'nowhere'",
            "b: conditions.after.rule: rule 'first' is stateful itself; a"
                + " sequence begins with a one-event rule",
            "c: conditions[0].distinct.value: unknown field 'who'; expected one"
                + " of "
                + GroupKey.CLOUDTRAIL_FIELDS
                + " or a $selector",
            "d: conditions[1].after: a rule has at most one stateful condition"
                + " (first_seen, after, distinct)");
    assertThat(e.errors()).allSatisfy(err -> assertThat(err.file()).isEqualTo(file.toString()));
  }
}
