package io.tocsin.detect.deploy;

import io.tocsin.model.DeployContext;
import io.tocsin.model.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The few latest deployments of one log group, newest first, as the detection app's global store
 * keeps them: enough to name the deploy an incident started after even when a newer deploy came
 * while it was firing.
 *
 * @param deploys at most {@link #KEPT} deployments, newest first, each with zero seconds after
 */
public record RecentDeploys(List<DeployContext> deploys) {

  /** How many deployments of one log group are kept. */
  static final int KEPT = 4;

  /** Copies {@code deploys}; absent means none. */
  public RecentDeploys {
    deploys = deploys == null ? List.of() : List.copyOf(deploys);
  }

  /**
   * These deploys with {@code deployment} among them: replaced when its id is already there,
   * otherwise added by time, keeping the {@link #KEPT} newest.
   */
  RecentDeploys with(Deployment deployment) {
    DeployContext added = DeployContext.of(deployment, deployment.time());
    List<DeployContext> merged = new ArrayList<>(deploys.size() + 1);
    merged.add(added);
    for (DeployContext known : deploys) {
      if (!known.id().equals(added.id())) {
        merged.add(known);
      }
    }
    merged.sort(Comparator.comparing(DeployContext::time).reversed());
    return new RecentDeploys(merged.subList(0, Math.min(KEPT, merged.size())));
  }

  /**
   * The latest deploy made at or before {@code alertStart} and at most {@code lookBack} before it,
   * with its seconds after the deploy; {@code null} when there is none.
   */
  DeployContext before(Instant alertStart, Duration lookBack) {
    Instant earliest = alertStart.minus(lookBack);
    for (DeployContext deploy : deploys) {
      if (!deploy.time().isAfter(alertStart)) {
        return deploy.time().isBefore(earliest) ? null : deploy.at(alertStart);
      }
    }
    return null;
  }
}
