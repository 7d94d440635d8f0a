package io.tocsin.store;

import io.tocsin.model.Deployment;
import java.util.Collection;
import java.util.List;

/**
 * One page of a deployment list.
 *
 * @param deployments at most the query's limit, most recent first
 * @param next where the next page starts, or {@code null} on the last page
 */
public record DeploymentPage(List<Deployment> deployments, DeploymentCursor next) {

  /** Normalises an absent list to an empty one. */
  public DeploymentPage {
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
  }

  /** The page of {@code query} from {@code selected}: deployments it selects, in any order. */
  public static DeploymentPage of(DeploymentQuery query, Collection<Deployment> selected) {
    List<Deployment> sorted = selected.stream().sorted(DeploymentCursor.ORDER).toList();
    if (sorted.size() <= query.limit()) {
      return new DeploymentPage(sorted, null);
    }
    List<Deployment> kept = sorted.subList(0, query.limit());
    return new DeploymentPage(kept, DeploymentCursor.of(kept.get(kept.size() - 1)));
  }
}
