package io.tocsin.detect.deploy;

import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.Kind;
import io.tocsin.model.Deployment.Outcome;
import io.tocsin.model.Deployment.OutcomeStatus;
import io.tocsin.model.Deployment.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows a stack deployment through its CloudFormation status changes: each resource event adds
 * the resource's log groups to the evidence, the first failed resource is kept with its reason, and
 * the stack's terminal status becomes the outcome.
 */
final class StackProgress {

  private final EvidenceMap evidence;

  StackProgress(EvidenceMap evidence) {
    this.evidence = evidence;
  }

  /**
   * Whether {@code event} belongs to a deployment (deletions and reviews of change sets do not).
   */
  static boolean deploys(StackEvent event) {
    return !event.status().startsWith("DELETE") && !event.status().startsWith("REVIEW");
  }

  /** Whether {@code deployment} is the running deployment of {@code event}'s stack. */
  static boolean follows(Deployment deployment, StackEvent event) {
    return deployment.kind() == Kind.CLOUDFORMATION
        && deployment.outcome().status() == OutcomeStatus.IN_PROGRESS
        && event.stack().equals(deployment.stack())
        && event.account().equals(deployment.account())
        && String.valueOf(event.region()).equals(String.valueOf(deployment.region()));
  }

  /**
   * A deployment for a stack whose status changes arrive without a CloudTrail call tocsin saw
   * (EventBridge only): named after the status's operation.
   */
  Deployment started(StackEvent event) {
    String operation = event.status().startsWith("CREATE") ? "CreateStack" : "UpdateStack";
    Deployment deployment =
        new Deployment(
            Deployment.SCHEMA_VERSION,
            String.join(
                ":",
                Kind.CLOUDFORMATION.label(),
                event.account(),
                String.valueOf(event.region()),
                event.stack(),
                event.eventId()),
            Kind.CLOUDFORMATION,
            operation,
            event.stack(),
            List.of(new Target("AWS::CloudFormation::Stack", event.stack(), event.stackId())),
            null,
            null,
            null,
            event.stack(),
            event.account(),
            event.region(),
            event.time(),
            event.eventId(),
            Outcome.of(OutcomeStatus.IN_PROGRESS),
            List.of(),
            null,
            event.time());
    return evidence.withEvidence(deployment);
  }

  /** {@code deployment} after {@code event}. */
  Deployment apply(Deployment deployment, StackEvent event) {
    if (!event.stackLevel()) {
      return resource(deployment, event);
    }
    Outcome known = deployment.outcome();
    return event
        .terminalOutcome()
        .map(
            status ->
                deployment.withOutcome(
                    new Outcome(
                        status,
                        status == OutcomeStatus.SUCCEEDED
                            ? null
                            : known.reason() != null ? known.reason() : event.reason(),
                        status == OutcomeStatus.SUCCEEDED ? null : known.failedResource()),
                    event.time()))
        .orElse(deployment);
  }

  private Deployment resource(Deployment deployment, StackEvent event) {
    Set<String> groups = new LinkedHashSet<>(deployment.evidence());
    groups.addAll(evidence.forStackResource(event.resourceType(), event.physicalId()));
    Deployment updated = deployment.withEvidence(new ArrayList<>(groups));
    if (event.resourceFailed() && deployment.outcome().failedResource() == null) {
      updated =
          updated.withOutcome(
              new Outcome(OutcomeStatus.IN_PROGRESS, event.reason(), event.logicalId()),
              event.time());
    }
    return updated;
  }
}
