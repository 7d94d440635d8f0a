package io.tocsin.detect.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Deployment.OutcomeStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A CloudFormation status change from EventBridge ({@code CloudFormation Stack Status Change} or
 * {@code CloudFormation Resource Status Change}), as ingest keeps it: the envelope in {@code
 * event}, the detail-type as {@code eventName}.
 *
 * @param eventId the EventBridge id
 * @param time the event time
 * @param account the account
 * @param region the region
 * @param stack the stack name
 * @param stackId the stack ARN
 * @param logicalId a resource's logical id; {@code null} for the stack itself
 * @param physicalId a resource's physical id (e.g. a function name), or {@code null}
 * @param resourceType a resource's type (e.g. {@code AWS::Lambda::Function}), or {@code null}
 * @param status the new status, e.g. {@code UPDATE_ROLLBACK_COMPLETE}
 * @param reason the status reason, or {@code null}
 */
record StackEvent(
    String eventId,
    Instant time,
    String account,
    String region,
    String stack,
    String stackId,
    String logicalId,
    String physicalId,
    String resourceType,
    String status,
    String reason) {

  static final String STACK_STATUS = "CloudFormation Stack Status Change";
  static final String RESOURCE_STATUS = "CloudFormation Resource Status Change";

  /** The status change {@code event} carries, if it is one. */
  static Optional<StackEvent> of(CloudTrailEvent event) {
    boolean stackLevel = STACK_STATUS.equals(event.eventName());
    if (!stackLevel && !RESOURCE_STATUS.equals(event.eventName()) || event.event() == null) {
      return Optional.empty();
    }
    JsonNode detail = event.event().path("detail");
    String stackId = DeployEvents.text(detail, "stack-id");
    String status = DeployEvents.text(detail.path("status-details"), "status");
    if (stackId.isEmpty() || status.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new StackEvent(
            event.eventId(),
            event.eventTime(),
            event.account(),
            event.region(),
            StackNames.of(stackId),
            stackId,
            stackLevel ? null : orNull(DeployEvents.text(detail, "logical-resource-id")),
            stackLevel ? null : orNull(DeployEvents.text(detail, "physical-resource-id")),
            stackLevel ? null : orNull(DeployEvents.text(detail, "resource-type")),
            status,
            orNull(DeployEvents.text(detail.path("status-details"), "status-reason"))));
  }

  /** Whether this is the stack's own status, not one resource's. */
  boolean stackLevel() {
    return logicalId == null;
  }

  /** Whether a resource failed (its first failure names the cause of a rollback). */
  boolean resourceFailed() {
    return !stackLevel() && status.endsWith("_FAILED");
  }

  /**
   * The stack's outcome this status ends it with: succeeded, rolled back or failed; empty while the
   * stack is still in progress (or for a resource's status).
   */
  Optional<OutcomeStatus> terminalOutcome() {
    if (!stackLevel() || status.endsWith("_IN_PROGRESS")) {
      return Optional.empty();
    }
    if (status.contains("ROLLBACK")) {
      return Optional.of(
          status.endsWith("_COMPLETE") ? OutcomeStatus.ROLLED_BACK : OutcomeStatus.FAILED);
    }
    if (status.endsWith("_FAILED")) {
      return Optional.of(OutcomeStatus.FAILED);
    }
    return status.endsWith("_COMPLETE") && !status.startsWith("DELETE")
        ? Optional.of(OutcomeStatus.SUCCEEDED)
        : Optional.empty();
  }

  private static String orNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
