package io.tocsin.store;

import io.tocsin.model.Deployment;
import java.util.Optional;

/** The deployments an on-call engineer can look up: the latest state of each, recent first. */
public interface DeploymentStore {

  /**
   * One page of deployments matching {@code query}, most recent first.
   *
   * @throws StoreUnavailableException while the store is starting
   */
  DeploymentPage list(DeploymentQuery query);

  /**
   * The deployment with {@code id}; empty when unknown.
   *
   * @throws StoreUnavailableException while the store is starting
   */
  Optional<Deployment> get(String id);
}
