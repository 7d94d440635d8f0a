package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cloudtrail rule language beyond patterns: conditions, allow-lists and supersedes. */
class RuleConditionsTest {

  private static final String RULES =
      """
      allowlists:
        automation:
          entries:
            - principal: "arn:aws:iam::*:role/stacks"
              invoked_by: cloudformation.amazonaws.com
            - source_ip: 10.20.0.0/16
              note: build farm
        partners:
          entries:
            - account: "444455556666"
      rules:
        - id: policy-admin
          title: Admin inline policy
          source: cloudtrail
          pattern: '{ $.eventName = PutUserPolicy }'
          severity: high
          conditions:
            - policy: {document: [$.requestParameters.policyDocument], actions: ["*", "iam:*"]}
          allow: [automation]
          supersedes: [policy-any]
        - id: policy-any
          title: Any inline policy
          source: cloudtrail
          pattern: '{ $.eventName = PutUserPolicy }'
          severity: low
        - id: trust
          title: Trust opened
          source: cloudtrail
          pattern: '{ $.eventName = UpdateAssumeRolePolicy }'
          severity: high
          conditions:
            - policy: {document: [$.requestParameters.policyDocument], principals: [any, foreign], trusted: partners}
        - id: key-for-other
          title: Key for another user
          source: cloudtrail
          pattern: '{ $.eventName = CreateAccessKey }'
          severity: high
          conditions:
            - other_user: $.requestParameters.userName
            - unless: '{ $.errorCode = * }'
      """;

  @TempDir Path dir;

  private RuleSet load(String yaml) throws IOException {
    Files.writeString(dir.resolve("rules.yaml"), yaml);
    return RuleLoader.load(List.of(dir), false);
  }

  private static JsonNode event(String name, String identityArn, Object params) {
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("eventName", name);
    e.put("eventSource", "iam.amazonaws.com");
    e.put("recipientAccountId", "111122223333");
    e.put("sourceIPAddress", "198.51.100.7");
    ObjectNode identity = e.putObject("userIdentity");
    identity.put("arn", identityArn);
    identity.put("type", identityArn.contains(":user/") ? "IAMUser" : "AssumedRole");
    identity.put("accountId", "111122223333");
    if (identityArn.contains("assumed-role/stacks/")) {
      identity
          .putObject("sessionContext")
          .putObject("sessionIssuer")
          .put("arn", "arn:aws:iam::111122223333:role/stacks");
      identity.put("invokedBy", "cloudformation.amazonaws.com");
    }
    e.set("requestParameters", Json.MAPPER.valueToTree(params));
    return e;
  }

  private static CloudTrailRuleMatcher.Result match(RuleSet rules, JsonNode e) {
    return new CloudTrailRuleMatcher(rules)
        .match(
            new CloudTrailEvent(
                "id-1",
                Instant.EPOCH,
                e.path("eventSource").asText(),
                e.path("eventName").asText(),
                "111122223333",
                "us-east-1",
                "cloudtrail",
                e,
                new SourcePosition("file", "test", "", "")));
  }

  private static String encoded(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  @Test
  void shouldDecodeAUrlEncodedPolicyAndSupersedeTheGeneralRule() throws IOException {
    RuleSet rules = load(RULES);
    String admin =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}";
    var result =
        match(
            rules,
            event(
                "PutUserPolicy",
                "arn:aws:iam::111122223333:user/alice",
                java.util.Map.of("userName", "bob", "policyDocument", encoded(admin))));
    assertThat(result.ruleIds()).containsExactly("policy-admin");
    JsonNode evidence = result.alerts().get(0).verdict().evidence().get(0);
    assertThat(evidence.path("why").asText()).isEqualTo("allows Action iam:*");
    assertThat(evidence.path("statement").path("Resource").asText()).isEqualTo("*");
  }

  @Test
  void shouldLeaveADenyOrANarrowPolicyToTheGeneralRule() throws IOException {
    RuleSet rules = load(RULES);
    String deny = "{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    String narrow = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}}";
    for (String doc : List.of(deny, narrow, "not json")) {
      var result =
          match(
              rules,
              event(
                  "PutUserPolicy",
                  "arn:aws:iam::111122223333:user/alice",
                  java.util.Map.of("policyDocument", doc)));
      assertThat(result.ruleIds()).as(doc).containsExactly("policy-any");
    }
  }

  @Test
  void shouldSuppressAnAllowlistedActorOnlyWhenEveryFieldOfTheEntryMatches() throws IOException {
    RuleSet rules = load(RULES);
    String admin = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    var params = java.util.Map.of("policyDocument", admin);
    var viaStacks =
        match(
            rules,
            event("PutUserPolicy", "arn:aws:sts::111122223333:assumed-role/stacks/cfn", params));
    assertThat(viaStacks.ruleIds()).isEmpty();
    assertThat(viaStacks.allowlisted())
        .singleElement()
        .satisfies(m -> assertThat(m.verdict().allowlist()).isEqualTo("automation"));

    ObjectNode byHand =
        (ObjectNode)
            event("PutUserPolicy", "arn:aws:sts::111122223333:assumed-role/stacks/cfn", params);
    ((ObjectNode) byHand.path("userIdentity")).remove("invokedBy");
    assertThat(match(rules, byHand).ruleIds()).containsExactly("policy-admin");

    ObjectNode fromFarm =
        (ObjectNode) event("PutUserPolicy", "arn:aws:iam::111122223333:user/ci", params);
    fromFarm.put("sourceIPAddress", "10.20.3.4");
    assertThat(match(rules, fromFarm).allowlisted())
        .singleElement()
        .satisfies(m -> assertThat(m.verdict().allowedBy()).isEqualTo("build farm"));
  }

  @Test
  void shouldFlagTrustInAnyoneOrAnUntrustedAccountButNotInAPartnerOrAnOrganisation()
      throws IOException {
    RuleSet rules = load(RULES);
    String template =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":%s,\"Action\":\"sts:AssumeRole\"%s}]}";
    String external = ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"x\"}}";
    String org = ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}";
    /** A trust statement's principal and condition, and whether the rule fires. */
    record Case(String principal, String condition, boolean fires) {}
    for (Case c :
        List.of(
            new Case("\"*\"", external, true),
            new Case("{\"AWS\":\"*\"}", org, false),
            new Case("{\"AWS\":[\"arn:aws:iam::999988887777:root\"]}", "", true),
            new Case("{\"AWS\":\"arn:aws:iam::444455556666:role/vendor\"}", "", false),
            new Case("{\"AWS\":\"arn:aws:iam::111122223333:role/ci\"}", "", false),
            new Case("{\"Service\":\"ec2.amazonaws.com\"}", "", false))) {
      String doc = template.formatted(c.principal(), c.condition());
      var result =
          match(
              rules,
              event(
                  "UpdateAssumeRolePolicy",
                  "arn:aws:iam::111122223333:user/alice",
                  java.util.Map.of("roleName", "r", "policyDocument", doc)));
      assertThat(result.ruleIds().contains("trust")).as(doc).isEqualTo(c.fires());
    }
  }

  @Test
  void shouldFireOnAKeyForAnotherUserNotForOnesOwnNorOnAFailure() throws IOException {
    RuleSet rules = load(RULES);
    var forBob = java.util.Map.of("userName", "bob");
    assertThat(
            match(rules, event("CreateAccessKey", "arn:aws:iam::111122223333:user/alice", forBob))
                .ruleIds())
        .containsExactly("key-for-other");
    assertThat(
            match(rules, event("CreateAccessKey", "arn:aws:iam::111122223333:user/bob", forBob))
                .ruleIds())
        .isEmpty();
    assertThat(
            match(
                    rules,
                    event(
                        "CreateAccessKey",
                        "arn:aws:sts::111122223333:assumed-role/admin/bob",
                        forBob))
                .ruleIds())
        .as("an assumed role's session name is the actor's name")
        .isEmpty();
    ObjectNode failed =
        (ObjectNode) event("CreateAccessKey", "arn:aws:iam::111122223333:user/alice", forBob);
    failed.put("errorCode", "LimitExceeded");
    assertThat(match(rules, failed).ruleIds()).isEmpty();
  }

  @Test
  void shouldReportUnknownAllowlistsSupersededIdsAndBadEntriesWithFileRuleAndField()
      throws IOException {
    Path file = dir.resolve("rules.yaml");
    String yaml =
        """
        allowlists:
          office:
            entries:
              - source_ip: 10.0.0.0/33
        rules:
          - id: a
            title: A
            source: cloudtrail
            pattern: '{ $.eventName = X }'
            severity: low
            allow: [nobody]
            supersedes: [missing]
          - id: b
            title: B
            source: logs
            pattern: ERROR
            severity: low
            conditions: [{unless: ERROR}]
          - id: c
            title: C
            source: cloudtrail
            pattern: '{ $.eventName = X }'
            severity: low
            conditions: [{other_user: requestParameters.userName}]
          - id: d
            title: D
            source: cloudtrail
            pattern: '{ $.eventName = X }'
            severity: low
            conditions: [{policy: {document: [$.requestParameters.policyDocument], principals: [any], trusted: office}}]
          - id: e
            title: E
            source: cloudtrail
            pattern: '{ $.eventName = GetObject }'
            severity: low
            conditions: [{first_seen: {subject: who, scope: $.requestParameters.bucketName}}]
        """;
    RuleException e =
        org.junit.jupiter.api.Assertions.assertThrows(RuleException.class, () -> load(yaml));
    assertThat(e.getMessage().lines().toList())
        .containsExactlyInAnyOrder(
            file
                + ":4:9: field allowlists.office.entries[0].source_ip: bad prefix length in"
                + " '10.0.0.0/33'",
            file
                + ":18:5: rule b: field conditions: only cloudtrail match rules have conditions and allow",
            file
                + ":24:19: rule c: field conditions[0].other_user: expected a selector like"
                + " $.requestParameters.userName, got 'requestParameters.userName'",
            file
                + ":30:95: rule d: field conditions[0].policy.trusted: only used with principals:"
                + " [foreign]",
            file
                + ":36:19: rule e: field conditions[0].first_seen: unknown field 'who'; expected one of "
                + GroupKey.CLOUDTRAIL_FIELDS
                + " or a $selector",
            file + ":12:18: rule a: field supersedes[0]: no other rule has the id 'missing'",
            file + ":11:5: rule a: field allow: unknown allow-list 'nobody'; known: []");
  }

  @Test
  void shouldLetAUserAllowlistReplaceTheDefaultOneAndRejectTwoUserListsOfOneName()
      throws IOException {
    Files.writeString(
        dir.resolve("lists.yaml"),
        """
        allowlists:
          automation:
            entries: [{principal: "arn:aws:iam::*:role/terraform-*"}]
        rules:
          - id: user-created
            title: User created
            source: cloudtrail
            pattern: '{ $.eventName = CreateUser }'
            severity: medium
            allow: [automation]
        """);
    RuleSet rules = RuleLoader.load(List.of(dir));
    JsonNode created =
        event(
            "CreateUser",
            "arn:aws:sts::111122223333:assumed-role/terraform-apply/ci",
            java.util.Map.of("userName", "svc"));
    ((ObjectNode) created.path("userIdentity"))
        .putObject("sessionContext")
        .putObject("sessionIssuer")
        .put("arn", "arn:aws:iam::111122223333:role/terraform-apply");
    assertThat(match(rules, created).allowlisted())
        .extracting(m -> m.rule().id())
        .contains("user-created");

    Files.writeString(
        dir.resolve("more.yaml"),
        """
        allowlists:
          automation:
            entries: [{account: "111122223333"}]
        """);
    assertThatThrownBy(() -> RuleLoader.load(List.of(dir)))
        .hasMessageEndingWith(
            dir.resolve("more.yaml")
                + ":2:3: field allowlists.automation: duplicate; also in "
                + dir.resolve("lists.yaml")
                + ":2:3");
  }
}
