package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.testing.RealAlerts;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CloudTrail call of an alert in words, on the alerts real CloudTrail events raise. */
class ActionPhraseTest {

  private static final List<Alert> ALERTS = RealAlerts.from(RealAlerts.T0);

  private static Set<String> phrases() {
    return ALERTS.stream()
        .map(ActionPhrase::of)
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }

  @Test
  void shouldSayWhoDidWhatToWhichResourceForTheCommonSecurityCalls() {
    assertThat(phrases())
        .contains(
            "tester attached AdministratorAccess to role new-role",
            "user.name attached AWSCompromisedKeyQuarantineV2 to user test-user",
            "compromised_user put inline policy AWSCompromisedKeyQuarantineV3 on user"
                + " compromised_user",
            "the root user signed in to the AWS console",
            "anaya signed in to the AWS console",
            "example-user deleted trail example-trail",
            "tester disabled KMS key 1",
            "tester opened security group sg-1 to traffic",
            "example-user changed the policy of bucket example-bucket");
  }

  @Test
  void shouldFallBackToTheServiceCallItsFirstTargetAndItsError() {
    assertThat(phrases())
        .contains(
            "tester called ec2:CreateVpc",
            "leroy.jenkins called s3:PutBucketLifecycle on bucket sample-cloudtrail-bucket-name",
            "SampleSession called organizations:LeaveOrganization (failed: AccessDenied)",
            "testuser called s3:DeleteBucketReplication on bucket production-backup-bucket"
                + " (failed: AccessDenied)");
  }

  @Test
  void shouldUseTheGenericPhraseWhenATemplateLacksItsParameter() {
    ObjectNode context = Json.MAPPER.createObjectNode();
    context.putObject("actor").put("type", "IAMUser").put("name", "alice");
    context.put("eventSource", "iam.amazonaws.com").put("eventName", "AttachUserPolicy");
    context.putObject("requestParameters").put("userName", "bob");
    context.putArray("targets").addObject().put("type", "user").put("name", "bob");

    assertThat(ActionPhrase.of(withContext(context)))
        .isEqualTo("alice called iam:AttachUserPolicy on user bob");
  }

  @Test
  void shouldHaveNoPhraseForALogAlert() {
    assertThat(ALERTS)
        .filteredOn(a -> a.rule().id().startsWith("lambda-"))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(ActionPhrase.of(a)).isNull());
  }

  private static Alert withContext(ObjectNode context) {
    Alert a = ALERTS.get(0);
    return new Alert(
        a.schemaVersion(),
        a.id(),
        a.fingerprint(),
        a.status(),
        a.rule(),
        a.title(),
        a.summary(),
        a.startsAt(),
        a.updatedAt(),
        a.endsAt(),
        a.count(),
        a.evaluation(),
        a.resource(),
        a.samples(),
        a.links(),
        a.labels(),
        context);
  }
}
