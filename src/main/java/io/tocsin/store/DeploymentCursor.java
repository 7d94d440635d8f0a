package io.tocsin.store;

import io.tocsin.model.Deployment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in a deployment list (most recent first, then by id): the deploy time and id of the
 * last deployment of a page, sent to clients as an opaque URL-safe string.
 *
 * @param time the deploy time
 * @param id the deployment id (the tie-breaker)
 */
public record DeploymentCursor(Instant time, String id) {

  /** Most recent first; equal times by id, descending, so the order is total. */
  public static final Comparator<Deployment> ORDER =
      Comparator.comparing(DeploymentCursor::timeOf)
          .thenComparing(d -> d.id() == null ? "" : d.id())
          .reversed();

  /** Requires both keys. */
  public DeploymentCursor {
    if (time == null || id == null) {
      throw new IllegalArgumentException("cursor is incomplete");
    }
  }

  /** The position of {@code deployment}. */
  public static DeploymentCursor of(Deployment deployment) {
    return new DeploymentCursor(timeOf(deployment), deployment.id() == null ? "" : deployment.id());
  }

  /** When {@code deployment} was made; the epoch when the record lacks it. */
  static Instant timeOf(Deployment deployment) {
    return deployment.time() == null ? Instant.EPOCH : deployment.time();
  }

  /** Whether {@code deployment} comes strictly after this position. */
  public boolean precedes(Deployment deployment) {
    int byTime = timeOf(deployment).compareTo(time);
    return byTime < 0
        || (byTime == 0 && (deployment.id() == null ? "" : deployment.id()).compareTo(id) < 0);
  }

  /** The opaque form handed to clients: {@code <epoch millis>:<id>}, base64url. */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((time.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses the opaque form.
   *
   * @throws IllegalArgumentException when {@code text} is not a cursor this API issued
   */
  public static DeploymentCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      return new DeploymentCursor(
          Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
          plain.substring(colon + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cursor is not valid: pass the 'next' value of the previous page unchanged", e);
    }
  }
}
