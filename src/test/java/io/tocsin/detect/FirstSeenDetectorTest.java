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
 * The default rule s3-new-reader-volume (learning 7d, new for 1d, at least 100 reads in 10m) on the
 * production topology: only a principal new to a bucket reading in bulk raises an alert.
 */
class FirstSeenDetectorTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant DAY8 = T0.plus(Duration.ofDays(8));

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

  /** {@code count} GetObject data events by {@code user} on {@code bucket}, {@code every} apart. */
  private void reads(String user, String bucket, Instant from, int count, Duration every)
      throws IOException {
    for (int i = 0; i < count; i++) {
      Instant at = from.plus(every.multipliedBy(i));
      ObjectNode e =
          (ObjectNode)
              Json.MAPPER.readTree(
                  """
                  {"eventVersion":"1.09","eventSource":"s3.amazonaws.com","eventName":"GetObject",
                   "userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE",
                     "arn":"arn:aws:iam::111122223333:user/%s","accountId":"111122223333",
                     "userName":"%s"},
                   "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.23",
                   "userAgent":"aws-cli/2.15.30","readOnly":true,"eventType":"AwsApiCall",
                   "managementEvent":false,"eventCategory":"Data",
                   "recipientAccountId":"111122223333",
                   "requestParameters":{"bucketName":"%s","key":"exports/%d.csv"}}
                  """
                      .formatted(user, user, bucket, i));
      e.put("eventTime", at.toString());
      e.put("eventID", "read-" + (++id));
      driver.pipe(CloudTrailEvents.of(e, "read-" + id));
    }
  }

  @Test
  void shouldAlertWhenAPrincipalNewToTheBucketReadsInBulk() throws IOException {
    reads("reporting", "customer-exports", T0, 3, Duration.ofMinutes(1));
    reads("mallory", "customer-exports", DAY8, 100, Duration.ofSeconds(3));
    driver.advanceWallClock(MatchFolder.DEFAULT_INTERVAL); // grouped by bucket: folded first

    List<Alert> alerts = driver.alerts();
    assertThat(alerts)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule().id()).isEqualTo("s3-new-reader-volume");
              assertThat(alert.resource().principalArn())
                  .isEqualTo("arn:aws:iam::111122223333:user/mallory");
              assertThat(alert.context().at("/firstSeen/scope").asText())
                  .isEqualTo("customer-exports");
              assertThat(alert.context().at("/firstSeen/events").asInt()).isEqualTo(100);
              assertThat(alert.context().at("/firstSeen/scopeFirstSeen").asText())
                  .isEqualTo(T0.toString());
            });
  }

  @Test
  void shouldStaySilentForKnownReadersSlowReadersNewBucketsAndOnceANewcomerSettledIn()
      throws IOException {
    reads("reporting", "customer-exports", T0, 3, Duration.ofMinutes(1));
    reads("reporting", "customer-exports", DAY8, 150, Duration.ofSeconds(1));
    reads("carol", "customer-exports", DAY8, 99, Duration.ofSeconds(1));
    reads("dave", "customer-exports", DAY8, 100, Duration.ofSeconds(20));
    reads("erin", "customer-exports", DAY8, 1, Duration.ofSeconds(1));
    reads("erin", "customer-exports", DAY8.plus(Duration.ofDays(2)), 100, Duration.ofSeconds(1));
    reads("frank", "fresh-bucket", DAY8, 100, Duration.ofSeconds(1));
    driver.advanceWallClock(MatchFolder.DEFAULT_INTERVAL);

    assertThat(driver.alerts())
        .as(
            "a reader from the learning period, 99 reads, 100 reads over 33 minutes, a"
                + " newcomer two days later, a bucket still learning")
        .isEmpty();
  }
}
