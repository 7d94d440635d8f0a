package io.tocsin.testing;

import io.tocsin.model.Alert;
import io.tocsin.model.DeployContext;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.Outcome;
import io.tocsin.model.Deployment.OutcomeStatus;
import io.tocsin.model.Deployment.VerdictStatus;
import io.tocsin.model.Deployment.Window;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The deployments behind {@link RateAlerts}' traffic, for the deployment views: build 42 of {@code
 * orders-api} goes live as the traffic steps from 1 % to 8 % failures (a regression), build 43 as
 * it steps back (verified), and an {@code orders-platform} stack update rolls back meanwhile. The
 * figures are the traffic's own: 5 invocations a second, 1 % failures before, 8 % after. The rate
 * alerts that start after build 42 carry it as {@code context.deploy}, as the watch stamps them.
 */
public final class DeployedRateAlerts {

  /** When build 42 went live: the start of the failing minutes. */
  public static final Instant BAD_AT = RateAlerts.T0.plus(Duration.ofMinutes(4));

  /** When build 43 went live: the end of the failing minutes. */
  public static final Instant FIX_AT = RateAlerts.T0.plus(Duration.ofMinutes(7));

  /** The id of the bad deployment. */
  public static final String BAD_ID = "lambda:123456789012:us-east-1:orders-api:42";

  /** The id of the clean deployment. */
  public static final String CLEAN_ID = "lambda:123456789012:us-east-1:orders-api:43";

  /** The id of the stack update that rolled back. */
  public static final String STACK_ID = "cloudformation:123456789012:us-east-1:orders-platform:c1";

  private DeployedRateAlerts() {}

  /** Every state change of the three deployments, in order: recorded, then judged. */
  public static List<Deployment> changes() {
    Deployment bad = lambda(BAD_ID, "42", BAD_AT, "alice");
    Deployment clean = lambda(CLEAN_ID, "43", FIX_AT, "codebuild");
    Instant stackAt = RateAlerts.T0.plus(Duration.ofMinutes(5));
    Deployment stack =
        deployment(
            STACK_ID,
            Deployment.Kind.CLOUDFORMATION,
            "UpdateStack",
            "orders-platform",
            null,
            stackAt,
            "codebuild",
            Outcome.of(OutcomeStatus.IN_PROGRESS));
    Instant badVerdict = BAD_AT.plusSeconds(75);
    Instant cleanVerdict = FIX_AT.plusSeconds(180);
    Instant rolledBack = stackAt.plusSeconds(53);
    return List.of(
        bad,
        stack,
        bad.withVerdict(
            Deployment.Verdict.of(
                VerdictStatus.REGRESSION,
                BAD_AT,
                badVerdict,
                window(RateAlerts.T0, BAD_AT, 0.01, 0),
                window(BAD_AT, badVerdict, 0.08, 0.5),
                "one-sided binomial, p=0.00002, min effect 2x and +1 pp",
                "deploy-regression-" + BAD_ID),
            badVerdict),
        stack
            .withOutcome(
                new Outcome(
                    OutcomeStatus.ROLLED_BACK,
                    "Resource handler returned message: \"Cannot update GSI's properties\"",
                    "OrdersTable"),
                rolledBack)
            .withVerdict(
                Deployment.Verdict.of(
                    VerdictStatus.FAILED,
                    stackAt,
                    rolledBack,
                    null,
                    null,
                    "stack rolled back",
                    "deploy-failed-" + STACK_ID),
                rolledBack),
        clean,
        clean.withVerdict(
            Deployment.Verdict.of(
                VerdictStatus.VERIFIED,
                FIX_AT,
                cleanVerdict,
                window(RateAlerts.T0, FIX_AT, 0.04, 0.5),
                window(FIX_AT, cleanVerdict, 0.01, 0),
                "one-sided binomial, p=0.97: no increase",
                null),
            cleanVerdict));
  }

  /** The rate alerts, those that started after build 42 carrying it as {@code context.deploy}. */
  public static List<Alert> alerts() {
    Deployment bad = changes().get(0);
    List<Alert> alerts = new ArrayList<>();
    for (Alert a : RateAlerts.alerts()) {
      alerts.add(
          a.startsAt() == null || a.startsAt().isBefore(BAD_AT)
              ? a
              : new Alert(
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
                  DeployContext.of(bad, a.startsAt()).into(a.context())));
    }
    return alerts;
  }

  private static Deployment lambda(String id, String version, Instant at, String actor) {
    return deployment(
        id,
        Deployment.Kind.LAMBDA,
        "UpdateFunctionCode",
        "orders-api",
        version,
        at,
        actor,
        Outcome.of(OutcomeStatus.SUCCEEDED));
  }

  private static Deployment deployment(
      String id,
      Deployment.Kind kind,
      String action,
      String resource,
      String version,
      Instant at,
      String actor,
      Outcome outcome) {
    boolean lambda = kind == Deployment.Kind.LAMBDA;
    return new Deployment(
        Deployment.SCHEMA_VERSION,
        id,
        kind,
        action,
        resource,
        List.of(
            new Deployment.Target(
                lambda ? "AWS::Lambda::Function" : "AWS::CloudFormation::Stack",
                resource,
                lambda
                    ? "arn:aws:lambda:us-east-1:123456789012:function:" + resource
                    : "arn:aws:cloudformation:us-east-1:123456789012:stack/" + resource + "/1")),
        version,
        lambda ? codeSha256(resource + "-" + version) : null,
        new Deployment.Actor("arn:aws:iam::123456789012:user/" + actor, actor),
        lambda ? null : resource,
        "123456789012",
        "us-east-1",
        at,
        "evt-" + id.hashCode(),
        outcome,
        lambda ? List.of("/aws/lambda/" + resource) : List.of(),
        null,
        at);
  }

  private static String codeSha256(String build) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(build.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The figures of {@code [from, to)} at 5 invocations a second and {@code errorRatio}. */
  private static Window window(Instant from, Instant to, double errorRatio, double timeoutShare) {
    long invocations = Duration.between(from, to).toSeconds() * 5;
    long errors = Math.round(invocations * errorRatio);
    long timeouts = Math.round(errors * timeoutShare);
    return new Window(
        from,
        to,
        invocations,
        errors,
        (double) errors / invocations,
        timeouts,
        (double) timeouts / invocations,
        errorRatio > 0.05 ? 3000.0 : 412.0);
  }
}
