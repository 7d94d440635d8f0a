package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.TrailRecords;
import io.tocsin.topics.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default pack's sequence and distinct-count rules on the production topology: a console
 * sign-in without MFA followed by an IAM change, many secrets read by one principal, an instance
 * credential used from a second address — and the cases one event alone or other actors' events
 * must not fire. State expires once an actor is quiet for the rule's horizon.
 */
class KeyedDetectorTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private static final String SEQUENCE = "iam-change-after-console-login-without-mfa";
  private static final String SECRETS = "secrets-read-from-many";
  private static final String INSTANCE = "ec2-instance-credential-from-second-address";
  private static final String ATTACH =
      "{\"userName\":\"mallory\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}";

  private final TrailRecords trail = new TrailRecords();
  private DetectionDriver driver;

  @BeforeEach
  void start() {
    driver = new DetectionDriver(RuleLoader.load(List.of()), T0);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private List<Alert> alertsOf(String rule) {
    driver.advanceWallClock(MatchFolder.DEFAULT_INTERVAL);
    return driver.alerts().stream().filter(a -> a.rule().id().equals(rule)).toList();
  }

  private static Instant at(Duration after) {
    return T0.plus(after);
  }

  private CloudTrailEvent attach(String user, Duration after) {
    return trail.userCall(user, "iam.amazonaws.com", "AttachUserPolicy", ATTACH, at(after));
  }

  @Test
  void shouldAlertOnAnIamChangeSoonAfterAConsoleSignInWithoutMfa() {
    CloudTrailEvent login = trail.consoleLogin("alice", false, at(Duration.ZERO));
    driver.pipe(login);
    driver.pipe(attach("alice", Duration.ofMinutes(12)));

    assertThat(alertsOf(SEQUENCE))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.resource().principalArn())
                  .isEqualTo("arn:aws:iam::111122223333:user/alice");
              assertThat(alert.context().at("/sequence/after").asText())
                  .isEqualTo("cis-console-login-without-mfa");
              assertThat(alert.context().at("/sequence/afterEventId").asText())
                  .isEqualTo(login.eventId());
              assertThat(alert.context().at("/sequence/afterTime").asText())
                  .isEqualTo(T0.toString());
            });
  }

  /** Every order of {@code events}. */
  private static List<List<CloudTrailEvent>> orders(List<CloudTrailEvent> events) {
    if (events.size() <= 1) {
      return List.of(events);
    }
    List<List<CloudTrailEvent>> all = new java.util.ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      List<CloudTrailEvent> rest = new java.util.ArrayList<>(events);
      CloudTrailEvent first = rest.remove(i);
      for (List<CloudTrailEvent> tail : orders(rest)) {
        List<CloudTrailEvent> order = new java.util.ArrayList<>(List.of(first));
        order.addAll(tail);
        all.add(order);
      }
    }
    return all;
  }

  @Test
  void shouldAlertOnceOnTheSequenceWhateverOrderItsEventsAreReadIn() {
    int actors = 0;
    java.util.Map<String, String> loginOf = new java.util.HashMap<>();
    java.util.Map<String, String> changeOf = new java.util.HashMap<>();
    for (int shape = 0; shape < 24; shape++) {
      String user = "user-" + shape;
      CloudTrailEvent login = trail.consoleLogin(user, false, at(Duration.ZERO));
      CloudTrailEvent change = attach(user, Duration.ofMinutes(5)); // completes the sequence
      loginOf.put("arn:aws:iam::111122223333:user/" + user, login.eventId());
      changeOf.put("arn:aws:iam::111122223333:user/" + user, change.eventId());
      List<CloudTrailEvent> events =
          List.of(
              login,
              change,
              attach(user, Duration.ofMinutes(45)), // too late after the sign-in
              trail.consoleLogin(user, true, at(Duration.ofMinutes(44)))); // with MFA: no step
      orders(events).get(shape).forEach(driver::pipe);
      actors++;
    }

    List<Alert> alerts = alertsOf(SEQUENCE);
    assertThat(alerts).as("one alert per actor, in each of the 24 orders").hasSize(actors);
    for (Alert alert : alerts) {
      assertThat(alert.context().at("/sequence/afterEventId").asText())
          .isEqualTo(loginOf.get(alert.resource().principalArn()));
      assertThat(alert.context().at("/eventIds").toString())
          .isEqualTo("[\"" + changeOf.get(alert.resource().principalArn()) + "\"]");
    }
  }

  @Test
  void shouldNotAlertOnChangesTooLateBeforeTheSignInWithMfaOrByAnotherUser() {
    driver.pipe(attach("alice", Duration.ZERO)); // before the sign-in
    driver.pipe(trail.consoleLogin("alice", false, at(Duration.ofMinutes(1))));
    driver.pipe(attach("alice", Duration.ofMinutes(32))); // 31 minutes on: too late
    driver.pipe(trail.consoleLogin("bob", false, at(Duration.ofMinutes(40))));
    driver.pipe(attach("carol", Duration.ofMinutes(41))); // someone else
    driver.pipe(trail.consoleLogin("dave", true, at(Duration.ofMinutes(42))));
    driver.pipe(attach("dave", Duration.ofMinutes(43))); // signed in with MFA
    driver.pipe(
        trail.userCall("bob", "iam.amazonaws.com", "ListUsers", "{}", at(Duration.ofMinutes(44))));

    assertThat(alertsOf(SEQUENCE))
        .as("a change before the sign-in, 31 minutes after, by another user, after MFA, a read")
        .isEmpty();
  }

  private CloudTrailEvent secretRead(String session, int secret, Instant at) {
    return trail.roleCall(
        "payments",
        session,
        "ASIA" + session.toUpperCase(Locale.ROOT),
        "secretsmanager.amazonaws.com",
        "GetSecretValue",
        "{\"secretId\":\"prod/secret-" + secret + "\"}",
        "198.51.100.40",
        at);
  }

  private void secretReads(String session, int secrets, int readsEach, Duration every) {
    Instant t = T0;
    for (int r = 0; r < readsEach; r++) {
      for (int s = 0; s < secrets; s++) {
        driver.pipe(secretRead(session, s, t));
        t = t.plus(every);
      }
    }
  }

  @Test
  void shouldAlertOnceWhenOnePrincipalReadsTenDifferentSecretsWithinTenMinutes() {
    secretReads("harvest", 12, 1, Duration.ofSeconds(20));

    assertThat(alertsOf(SECRETS))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.context().at("/distinct/count").asInt()).isEqualTo(10);
              assertThat(alert.context().at("/distinct/values/0").asText())
                  .isEqualTo("prod/secret-0");
              assertThat(alert.context().at("/distinct/actor").asText())
                  .isEqualTo("arn:aws:sts::111122223333:assumed-role/payments/harvest");
            });
  }

  @Test
  void shouldNotAlertOnOneSecretReadOftenNineSecretsOrTenSecretsReadSlowly() {
    secretReads("app", 1, 60, Duration.ofSeconds(5));
    secretReads("nine", 9, 3, Duration.ofSeconds(5));
    secretReads("slow", 10, 1, Duration.ofMinutes(2)); // 18 minutes apart, window 10m

    assertThat(alertsOf(SECRETS)).isEmpty();
  }

  /** The candidates of {@code rule} sent to the keyed step since the last call. */
  private List<KeyedFinding> keyedCandidates(String rule) {
    return driver.repartitioned("cloudtrail-keyed-candidates").stream()
        .map(bytes -> JsonSerde.of(Finding.class).deserializer().deserialize("", bytes).keyed())
        .filter(k -> k.ruleId().equals(rule))
        .toList();
  }

  @Test
  void shouldSendASecretReadAgainWithinATenthOfTheWindowOnlyOnceToTheKeyedStep() {
    secretReads("app", 3, 20, Duration.ofSeconds(1)); // 60 reads of 3 secrets within 60 s
    driver.pipe(secretRead("app", 0, at(Duration.ofMinutes(2)))); // past the 1-minute span

    assertThat(keyedCandidates(SECRETS))
        .as("each secret once in the first minute, the first again after it")
        .hasSize(4);
  }

  @Test
  void shouldAlertOnABurstOfIamChangesAfterASignInWhileSendingOneChangeASecond() {
    driver.pipe(trail.consoleLogin("alice", false, at(Duration.ZERO)));
    for (int i = 0; i < 10; i++) {
      driver.pipe(attach("alice", Duration.ofMinutes(5).plusMillis(50L * i)));
    }

    assertThat(keyedCandidates(SEQUENCE))
        .as("the first step and one change of the burst")
        .hasSize(2);
    assertThat(alertsOf(SEQUENCE)).hasSize(1);
  }

  private CloudTrailEvent instanceCall(String key, String ip, Duration after) {
    return trail.roleCall(
        "web-server",
        "i-0a1b2c3d4e5f60718",
        key,
        "s3.amazonaws.com",
        "ListBuckets",
        "{\"Host\":\"s3.us-east-1.amazonaws.com\"}",
        ip,
        at(after));
  }

  @Test
  void shouldAlertWhenAnInstanceCredentialIsUsedFromASecondAddress() {
    driver.pipe(instanceCall("ASIA5EXAMPLEKEYONE01", "54.240.197.5", Duration.ZERO));
    driver.pipe(instanceCall("ASIA5EXAMPLEKEYONE01", "54.240.197.5", Duration.ofMinutes(5)));
    driver.pipe(instanceCall("ASIA5EXAMPLEKEYTWO02", "54.240.197.9", Duration.ofMinutes(6)));
    driver.pipe(instanceCall("ASIA5EXAMPLEKEYONE01", "10.0.12.34", Duration.ofMinutes(7)));
    assertThat(alertsOf(INSTANCE))
        .as("the same address, another key's own address, a private address")
        .isEmpty();

    driver.pipe(instanceCall("ASIA5EXAMPLEKEYONE01", "203.0.113.77", Duration.ofMinutes(90)));
    assertThat(alertsOf(INSTANCE))
        .singleElement()
        .satisfies(
            alert ->
                assertThat(alert.context().at("/distinct/values").toString())
                    .isEqualTo("[\"54.240.197.5\",\"203.0.113.77\"]"));
  }

  private List<String> secretsState() {
    return driver.storeKeys("cloudtrail-keyed-store").stream()
        .filter(k -> k.startsWith(SECRETS + "\n"))
        .toList();
  }

  @Test
  void shouldForgetAnActorQuietForLongerThanTheRuleWindow() {
    secretReads("partial", 5, 1, Duration.ofSeconds(10));
    assertThat(secretsState())
        .containsExactly(SECRETS + "\narn:aws:sts::111122223333:assumed-role/payments/partial");

    // Another actor's events 20 minutes on move stream time past the 10-minute window.
    driver.pipe(secretRead("later", 0, at(Duration.ofMinutes(20))));
    driver.pipe(secretRead("later", 1, at(Duration.ofMinutes(22))));
    assertThat(secretsState())
        .containsExactly(SECRETS + "\narn:aws:sts::111122223333:assumed-role/payments/later");
  }
}
