package io.tocsin.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One state change of a deployment on {@code tocsin.deployments.v1} (key: {@link #id}); the latest
 * value per key is the deployment's current state. The JSON form is a public contract: its schema
 * is {@code topology-docs/deployment.schema.json}. Add optional fields only.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION}
 * @param id stable per deployment, e.g. {@code lambda:<account>:<region>:<function>:<version>}
 * @param kind what was deployed
 * @param action the API call or event that deployed it, e.g. {@code UpdateFunctionCode}
 * @param resource the primary resource's name, e.g. {@code orders-api}
 * @param resources every resource the deployment touched
 * @param version version, deployment id or change set; {@code null} when the event has none
 * @param codeSha256 the code hash a Lambda deploy reports, or {@code null}
 * @param actor who deployed it, or {@code null}
 * @param stack the CloudFormation stack, or {@code null}
 * @param account the AWS account
 * @param region the AWS region
 * @param time when the deployment happened (event time)
 * @param sourceEventId the CloudTrail eventID or EventBridge id it was learned from
 * @param outcome whether the deployment itself completed
 * @param evidence the log groups whose traffic shows the deployment's health
 * @param verdict the post-deploy watch's verdict, or {@code null} before the watch starts
 * @param updatedAt event time of this state change
 * @param sourceEventIds every event id folded into this deployment, first first: the calls of one
 *     release (e.g. UpdateFunctionCode, PublishVersion, UpdateAlias); optional, added in v1
 */
public record Deployment(
    int schemaVersion,
    String id,
    Kind kind,
    String action,
    String resource,
    List<Target> resources,
    String version,
    String codeSha256,
    Actor actor,
    String stack,
    String account,
    String region,
    Instant time,
    String sourceEventId,
    Outcome outcome,
    List<String> evidence,
    Verdict verdict,
    Instant updatedAt,
    List<String> sourceEventIds) {

  /** The schema version of this record's JSON form. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Normalises absent collections to empty ones so consumers never see {@code null} lists; absent
   * event ids are the one source event.
   */
  public Deployment {
    resources = resources == null ? List.of() : List.copyOf(resources);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    sourceEventIds =
        sourceEventIds != null
            ? List.copyOf(sourceEventIds)
            : sourceEventId == null ? List.of() : List.of(sourceEventId);
  }

  /** A deployment learned from the one event {@code sourceEventId}. */
  public Deployment(
      int schemaVersion,
      String id,
      Kind kind,
      String action,
      String resource,
      List<Target> resources,
      String version,
      String codeSha256,
      Actor actor,
      String stack,
      String account,
      String region,
      Instant time,
      String sourceEventId,
      Outcome outcome,
      List<String> evidence,
      Verdict verdict,
      Instant updatedAt) {
    this(
        schemaVersion,
        id,
        kind,
        action,
        resource,
        resources,
        version,
        codeSha256,
        actor,
        stack,
        account,
        region,
        time,
        sourceEventId,
        outcome,
        evidence,
        verdict,
        updatedAt,
        null);
  }

  /** This deployment with {@code outcome}, as of {@code at}. */
  public Deployment withOutcome(Outcome outcome, Instant at) {
    return new Deployment(
        schemaVersion,
        id,
        kind,
        action,
        resource,
        resources,
        version,
        codeSha256,
        actor,
        stack,
        account,
        region,
        time,
        sourceEventId,
        outcome,
        evidence,
        verdict,
        at,
        sourceEventIds);
  }

  /** This deployment with {@code verdict}, as of {@code at}. */
  public Deployment withVerdict(Verdict verdict, Instant at) {
    return new Deployment(
        schemaVersion,
        id,
        kind,
        action,
        resource,
        resources,
        version,
        codeSha256,
        actor,
        stack,
        account,
        region,
        time,
        sourceEventId,
        outcome,
        evidence,
        verdict,
        at,
        sourceEventIds);
  }

  /** This deployment watching {@code evidence} log groups. */
  public Deployment withEvidence(List<String> evidence) {
    return new Deployment(
        schemaVersion,
        id,
        kind,
        action,
        resource,
        resources,
        version,
        codeSha256,
        actor,
        stack,
        account,
        region,
        time,
        sourceEventId,
        outcome,
        evidence,
        verdict,
        updatedAt,
        sourceEventIds);
  }

  /** The kind of thing deployed. */
  public enum Kind {
    LAMBDA,
    APIGATEWAY,
    CLOUDFORMATION,
    ECS,
    CODEDEPLOY;

    /** The lowercase name used on the wire. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A resource a deployment touched: CloudFormation type, name, ARN (may be {@code null}). */
  public record Target(String type, String name, String arn) {}

  /** Who deployed: principal ARN and a short name (user or session name); either may be null. */
  public record Actor(String arn, String name) {}

  /**
   * Whether the deployment itself completed.
   *
   * @param status in progress, succeeded, failed or rolled back
   * @param reason the status reason of a failure, or {@code null}
   * @param failedResource the logical id of the first resource that failed, or {@code null}
   */
  public record Outcome(OutcomeStatus status, String reason, String failedResource) {

    /** An outcome with no failure detail. */
    public static Outcome of(OutcomeStatus status) {
      return new Outcome(status, null, null);
    }
  }

  /** The deployment's own completion state. */
  public enum OutcomeStatus {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK;

    /** The lowercase name used on the wire. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The post-deploy watch's verdict.
   *
   * @param status pending, verified, regression or failed
   * @param decidedAt when the verdict was reached (event time)
   * @param afterSeconds seconds from the deploy to the verdict
   * @param baseline the traffic before the deploy
   * @param after the traffic after the deploy, up to the verdict
   * @param test the statistical test and its outcome, in words
   * @param alertId the id of the deploy-regression or deploy-failed alert, or {@code null}
   */
  public record Verdict(
      VerdictStatus status,
      Instant decidedAt,
      long afterSeconds,
      Window baseline,
      Window after,
      String test,
      String alertId) {

    /** A verdict reached at {@code decidedAt} on a deployment made at {@code deployedAt}. */
    public static Verdict of(
        VerdictStatus status,
        Instant deployedAt,
        Instant decidedAt,
        Window baseline,
        Window after,
        String test,
        String alertId) {
      long seconds = Math.max(0, Duration.between(deployedAt, decidedAt).toSeconds());
      return new Verdict(status, decidedAt, seconds, baseline, after, test, alertId);
    }
  }

  /** The watch's verdict on a deployment. */
  public enum VerdictStatus {
    PENDING,
    VERIFIED,
    REGRESSION,
    FAILED;

    /** The lowercase name used on the wire. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Traffic figures of the evidence log groups over {@code [from, to)}.
   *
   * @param from window start
   * @param to window end
   * @param invocations invocations seen (Lambda REPORT lines)
   * @param errors failed invocations
   * @param errorRatio errors / invocations, or {@code null} without invocations
   * @param timeouts timed-out invocations
   * @param timeoutRatio timeouts / invocations, or {@code null} without invocations
   * @param p99DurationMs the 99th percentile duration in ms, or {@code null} without durations
   */
  public record Window(
      Instant from,
      Instant to,
      long invocations,
      long errors,
      Double errorRatio,
      long timeouts,
      Double timeoutRatio,
      Double p99DurationMs) {}
}
