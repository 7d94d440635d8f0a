package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import io.tocsin.testing.CloudTrailEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code foreign_account} condition: resources shared with accounts that are not ours. */
class ForeignAccountConditionTest {

  private static final String RULES =
      """
      allowlists:
        partners:
          entries:
            - account: "444455556666"
      rules:
        - id: snapshot-shared
          title: Snapshot shared
          source: cloudtrail
          pattern: '{ $.eventName = ModifySnapshotAttribute }'
          severity: high
          conditions:
            - foreign_account: {values: [$.requestParameters.createVolumePermission.add.items], trusted: partners}
        - id: permission-added
          title: Function permission added
          source: cloudtrail
          pattern: '{ $.eventName = AddPermission20150331v2 }'
          severity: high
          conditions:
            - foreign_account: {values: [$.requestParameters.principal]}
      """;

  @TempDir Path dir;

  private RuleSet rules() throws IOException {
    Files.writeString(dir.resolve("rules.yaml"), RULES);
    return RuleLoader.load(List.of(dir), false);
  }

  private static CloudTrailRuleMatcher.Result match(RuleSet rules, String json) {
    try {
      JsonNode event = Json.MAPPER.readTree(json);
      return new CloudTrailRuleMatcher(rules).match(CloudTrailEvents.of(event, "e-1"));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** An event of {@code name} from {@code source} by alice in account 111122223333. */
  private static String event(String name, String source, String requestParameters) {
    return """
        {"eventName": "%s", "eventSource": "%s", "recipientAccountId": "111122223333",
         "userIdentity": {"type": "IAMUser", "accountId": "111122223333",
                          "arn": "arn:aws:iam::111122223333:user/alice"},
         "requestParameters": %s}
        """
        .formatted(name, source, requestParameters);
  }

  private static String share(String items) {
    return event(
        "ModifySnapshotAttribute",
        "ec2.amazonaws.com",
        "{\"snapshotId\": \"snap-1\", \"createVolumePermission\": {\"add\": {\"items\": "
            + items
            + "}}}");
  }

  private static String permission(String principal) {
    return event(
        "AddPermission20150331v2",
        "lambda.amazonaws.com",
        "{\"functionName\": \"f\", \"principal\": \"" + principal + "\"}");
  }

  @Test
  void shouldFireOnAShareWithAnAccountThatIsNeitherOursNorTrustedAndSayWhich() throws IOException {
    var result =
        match(rules(), share("[{\"userId\": \"111122223333\"}, {\"userId\": \"999988887777\"}]"));
    assertThat(result.ruleIds()).containsExactly("snapshot-shared");
    JsonNode evidence = result.alerts().get(0).verdict().evidence().get(0);
    assertThat(evidence.path("condition").asText()).isEqualTo("foreign_account");
    assertThat(evidence.path("account").asText()).isEqualTo("999988887777");
    assertThat(evidence.path("value").asText())
        .isEqualTo("$.requestParameters.createVolumePermission.add.items");
  }

  @Test
  void shouldStaySilentForOurOwnAccountATrustedOneThePublicGroupAndNoValue() throws IOException {
    RuleSet rules = rules();
    assertThat(match(rules, share("[{\"userId\": \"111122223333\"}]")).ruleIds()).isEmpty();
    assertThat(match(rules, share("[{\"userId\": \"444455556666\"}]")).ruleIds()).isEmpty();
    assertThat(match(rules, share("[{\"group\": \"all\"}]")).ruleIds()).isEmpty();
    assertThat(match(rules, share("[]")).ruleIds()).isEmpty();
  }

  @Test
  void shouldReadTheAccountOfAnArnAndIgnoreServicePrincipalsAndWildcards() throws IOException {
    RuleSet rules = rules();
    assertThat(match(rules, permission("arn:aws:iam::999988887777:root")).ruleIds())
        .containsExactly("permission-added");
    assertThat(match(rules, permission("999988887777")).ruleIds())
        .containsExactly("permission-added");
    assertThat(match(rules, permission("events.amazonaws.com")).ruleIds()).isEmpty();
    assertThat(match(rules, permission("*")).ruleIds()).isEmpty();
    assertThat(match(rules, permission("arn:aws:iam::111122223333:role/app")).ruleIds()).isEmpty();
  }

  @Test
  void shouldNameTheFieldOfABadSelectorOrAnUnknownTrustedList() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        rules:
          - id: a
            title: A
            source: cloudtrail
            pattern: '{ $.eventName = X }'
            severity: low
            conditions: [{foreign_account: {values: [requestParameters.items]}}]
          - id: b
            title: B
            source: cloudtrail
            pattern: '{ $.eventName = X }'
            severity: low
            conditions: [{foreign_account: {values: [$.requestParameters.items], trusted: nobody}}]
        """);
    RuleException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuleException.class, () -> RuleLoader.load(List.of(dir), false));
    assertThat(e.getMessage().lines().toList())
        .containsExactlyInAnyOrder(
            file
                + ":7:37: rule a: field conditions[0].foreign_account.values: expected a selector like"
                + " $.requestParameters.userName, got 'requestParameters.items'",
            file
                + ":13:5: rule b: field conditions.foreign_account.trusted: unknown allow-list 'nobody';"
                + " known: []");
  }
}
