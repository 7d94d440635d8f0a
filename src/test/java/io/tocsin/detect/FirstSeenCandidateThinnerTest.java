package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.CloudTrailEvents;
import io.tocsin.testing.DetectionDriver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default rule sensitive-api-new-identity (a one-event first-seen rule: learning 14d, new for
 * 1d) on the production topology: repeats of one new identity within a second are dropped before
 * the repartition and fold into nothing, repeats further apart all count, and the alert still
 * fires.
 */
class FirstSeenCandidateThinnerTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant DAY15 = T0.plus(Duration.ofDays(15));

  private DetectionDriver driver;
  private long id;

  @BeforeEach
  void start() {
    driver = new DetectionDriver(RuleLoader.load(List.of()), T0);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  /** {@code count} CreateAccessKey calls by IAM user {@code user}, {@code every} apart. */
  private void createKeys(String user, Instant from, int count, Duration every) throws IOException {
    for (int i = 0; i < count; i++) {
      ObjectNode e =
          (ObjectNode)
              Json.MAPPER.readTree(
                  """
                  {"eventVersion":"1.09","eventSource":"iam.amazonaws.com",
                   "eventName":"CreateAccessKey",
                   "userIdentity":{"type":"IAMUser","principalId":"AIDA%s",
                     "arn":"arn:aws:iam::111122223333:user/%s","accountId":"111122223333",
                     "userName":"%s"},
                   "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.23",
                   "userAgent":"aws-cli/2.15.30","readOnly":false,"eventType":"AwsApiCall",
                   "managementEvent":true,"recipientAccountId":"111122223333",
                   "requestParameters":{"userName":"%s"}}
                  """
                      .formatted(user, user, user, user));
      e.put("eventTime", from.plus(every.multipliedBy(i)).toString());
      e.put("eventID", "key-" + (++id));
      driver.pipe(CloudTrailEvents.of(e, "key-" + id));
    }
  }

  private Alert newIdentityAlertOf(String user) {
    return driver.alerts().stream()
        .filter(a -> a.rule().id().equals("sensitive-api-new-identity"))
        .filter(a -> a.resource().principalArn().endsWith("/" + user))
        .reduce((first, latest) -> latest)
        .orElseThrow();
  }

  @Test
  void shouldFoldABurstOfOneNewIdentityWithinASecondIntoItsFirstEvent() throws IOException {
    createKeys("builder", T0, 1, Duration.ZERO);
    createKeys("mallory", DAY15, 20, Duration.ofMillis(40));
    driver.advanceWallClock(MatchFolder.DEFAULT_INTERVAL);

    Alert alert = newIdentityAlertOf("mallory");
    assertThat(alert.count()).as("20 calls within 0.8 s: only the first crosses").isEqualTo(1);
    assertThat(alert.context().at("/firstSeen/subject").asText()).contains("mallory");
  }

  @Test
  void shouldCountRepeatsASecondOrMoreApart() throws IOException {
    createKeys("builder", T0, 1, Duration.ZERO);
    createKeys("mallory", DAY15, 3, Duration.ofSeconds(2));
    driver.advanceWallClock(MatchFolder.DEFAULT_INTERVAL);

    assertThat(newIdentityAlertOf("mallory").count()).isEqualTo(3);
  }
}
