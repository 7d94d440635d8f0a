package io.tocsin.store;

import io.tocsin.model.Deployment;
import java.time.Instant;
import java.util.List;

/**
 * Which deployments to list: filters, a range of deploy times, a page size and where to continue.
 *
 * @param resources the deployed resource names accepted (any when empty)
 * @param kinds the kinds accepted, e.g. {@code lambda} (any when empty)
 * @param verdicts the verdicts accepted: {@code pending}, {@code verified}, {@code regression},
 *     {@code failed}, or {@code none} for a deployment the watch has not judged (any when empty)
 * @param from only deployments made at or after it, or {@code null}
 * @param to only deployments made before it, or {@code null}
 * @param limit the most deployments on a page
 * @param after the position to continue after (from the previous page), or {@code null}
 */
public record DeploymentQuery(
    List<String> resources,
    List<String> kinds,
    List<String> verdicts,
    Instant from,
    Instant to,
    int limit,
    DeploymentCursor after) {

  /** The verdict filter value of a deployment without a verdict. */
  public static final String NO_VERDICT = "none";

  /** Validates the range and limit; absent lists become empty. */
  public DeploymentQuery {
    resources = resources == null ? List.of() : List.copyOf(resources);
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  /** The {@code limit} most recent deployments. */
  public static DeploymentQuery recent(int limit) {
    return new DeploymentQuery(null, null, null, null, null, limit, null);
  }

  /** Whether {@code deployment} passes the filters and range (the cursor is not checked). */
  public boolean matches(Deployment deployment) {
    Instant time = DeploymentCursor.timeOf(deployment);
    return accepts(resources, deployment.resource())
        && accepts(kinds, deployment.kind() == null ? null : deployment.kind().label())
        && accepts(verdicts, verdictOf(deployment))
        && (from == null || !time.isBefore(from))
        && (to == null || time.isBefore(to));
  }

  /**
   * Whether {@code deployment} is on a page of this query: it matches and comes after the cursor.
   */
  public boolean selects(Deployment deployment) {
    return matches(deployment) && (after == null || after.precedes(deployment));
  }

  private static String verdictOf(Deployment deployment) {
    return deployment.verdict() == null || deployment.verdict().status() == null
        ? NO_VERDICT
        : deployment.verdict().status().label();
  }

  private static boolean accepts(List<String> accepted, String value) {
    return accepted.isEmpty() || accepted.contains(value);
  }
}
