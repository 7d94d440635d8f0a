package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.TrailRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * First-seen state on the production topology: a subject unseen for {@code forget_after} is new
 * again, a scope remembers at most {@code max_subjects} subjects, quiet state leaves the store; and
 * the default pack's new-network rule, whose subject is the caller's {@code source_network}.
 */
class FirstSeenExpiryTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private static final String RULE = "secret-reader-new";
  private static final String NETWORK = "sensitive-api-from-new-network";
  private static final String STORE = "cloudtrail-first-seen-store";

  @TempDir Path dir;
  private final TrailRecords trail = new TrailRecords();
  private DetectionDriver driver;

  @BeforeEach
  void start() throws IOException {
    Files.writeString(
        dir.resolve("rules.yaml"),
        """
        rules:
          - id: secret-reader-new
            title: "A secret read by a role new to it"
            description: "test rule"
            source: cloudtrail
            pattern: '{ $.eventName = GetSecretValue }'
            conditions:
              - first_seen: {subject: identity, scope: $.requestParameters.secretId, learning: 1d, new_for: 1d, window: 10m, at_least: 1, forget_after: 2d, max_subjects: 3}
            group_by: [identity]
            severity: medium
        """);
    driver = new DetectionDriver(RuleLoader.load(List.of(dir), true), T0);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private CloudTrailEvent read(String role, String ip, Duration after) {
    return trail.roleCall(
        role,
        "session",
        "ASIAEXAMPLEKEY",
        "secretsmanager.amazonaws.com",
        "GetSecretValue",
        "{\"secretId\":\"prod/db\"}",
        ip,
        T0.plus(after));
  }

  private List<Alert> alertsOf(String rule) {
    driver.advanceWallClock(MatchFolder.DEFAULT_INTERVAL);
    return driver.alerts().stream().filter(a -> a.rule().id().equals(rule)).toList();
  }

  @Test
  void shouldTreatASubjectUnseenForForgetAfterAsNewAgain() {
    driver.pipe(read("reporting", "198.51.100.23", Duration.ZERO));
    driver.pipe(read("payments", "198.51.100.23", Duration.ofHours(1)));
    driver.pipe(read("payments", "198.51.100.23", Duration.ofHours(40))); // keeps the scope seen
    assertThat(alertsOf(RULE)).as("both learned in the first day").isEmpty();

    driver.pipe(read("reporting", "198.51.100.23", Duration.ofHours(60))); // 60 h unseen > 2d
    driver.pipe(read("payments", "198.51.100.23", Duration.ofHours(61))); // seen 21 h ago

    assertThat(alertsOf(RULE))
        .singleElement()
        .satisfies(
            alert ->
                assertThat(alert.context().at("/firstSeen/subject").asText())
                    .isEqualTo("arn:aws:iam::111122223333:role/reporting"));
  }

  private List<String> subjectsOfRule() {
    return driver.storeKeys(STORE).stream()
        .filter(k -> k.startsWith(RULE + "\n") && k.chars().filter(c -> c == '\n').count() == 2)
        .toList();
  }

  @Test
  void shouldRememberAtMostMaxSubjectsPerScopeAndForgetQuietOnes() {
    for (int i = 0; i < 10; i++) {
      driver.pipe(read("role-" + i, "198.51.100.23", Duration.ofMinutes(i)));
    }
    assertThat(subjectsOfRule())
        .as("the 3 seen last")
        .containsExactly(
            RULE + "\nprod/db\narn:aws:iam::111122223333:role/role-7",
            RULE + "\nprod/db\narn:aws:iam::111122223333:role/role-8",
            RULE + "\nprod/db\narn:aws:iam::111122223333:role/role-9");

    // Stream time 3 days on (another scope's event): everything of prod/db is past forget_after.
    driver.pipe(
        trail.roleCall(
            "other",
            "session",
            "ASIAEXAMPLEKEY",
            "secretsmanager.amazonaws.com",
            "GetSecretValue",
            "{\"secretId\":\"prod/other\"}",
            "198.51.100.23",
            T0.plus(Duration.ofDays(3))));
    assertThat(driver.storeKeys(STORE).stream().filter(k -> k.contains("prod/db")).toList())
        .as("scope and subjects purged")
        .isEmpty();
  }

  @Test
  void shouldAlertOnASensitiveCallFromANetworkTheIdentityHasNotUsed() {
    driver.pipe(read("deploy", "198.51.100.23", Duration.ZERO));
    driver.pipe(read("deploy", "198.51.100.77", Duration.ofDays(8))); // same /24
    driver.pipe(read("deploy", "2001:db8:1234::5", Duration.ofDays(8).plusMinutes(1)));
    driver.pipe(read("deploy", "2001:db8:1234:ff::9", Duration.ofDays(8).plusMinutes(2)));

    assertThat(alertsOf(NETWORK))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.context().at("/firstSeen/subject").asText())
                  .isEqualTo("2001:db8:1234::/48");
              assertThat(alert.context().at("/firstSeen/scope").asText())
                  .isEqualTo("arn:aws:iam::111122223333:role/deploy");
            });
  }
}
