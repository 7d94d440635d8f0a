package io.tocsin.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code context.deploy} of an alert: the latest deployment of the alert's resource within the
 * look-back, or the deployment a deploy-regression / deploy-failed alert judges.
 *
 * @param id the deployment id (key on {@code tocsin.deployments.v1})
 * @param resource the deployed resource's name
 * @param version the deployed version, or {@code null}
 * @param actor who deployed (short name, else ARN), or {@code null}
 * @param time when it was deployed
 * @param secondsAfterDeploy seconds from the deploy to the alert's start
 */
public record DeployContext(
    String id,
    String resource,
    String version,
    String actor,
    Instant time,
    long secondsAfterDeploy) {

  /** The key of this object in an alert's {@code context}. */
  public static final String FIELD = "deploy";

  /** The context of {@code deployment} for an alert that started at {@code alertStart}. */
  public static DeployContext of(Deployment deployment, Instant alertStart) {
    Deployment.Actor actor = deployment.actor();
    String who = actor == null ? null : actor.name() != null ? actor.name() : actor.arn();
    return new DeployContext(
            deployment.id(), deployment.resource(), deployment.version(), who, deployment.time(), 0)
        .at(alertStart);
  }

  /** This deploy as seen by an alert that started at {@code alertStart}. */
  public DeployContext at(Instant alertStart) {
    long seconds = Math.max(0, Duration.between(time, alertStart).toSeconds());
    return new DeployContext(id, resource, version, actor, time, seconds);
  }

  /** The {@code context.deploy} of {@code context}, or {@code null} when it has none. */
  public static DeployContext in(JsonNode context) {
    JsonNode node = context == null ? null : context.get(FIELD);
    return node == null || !node.isObject()
        ? null
        : Json.MAPPER.convertValue(node, DeployContext.class);
  }

  /** {@code context} (may be {@code null}) with this as its {@code deploy} field; a new object. */
  public ObjectNode into(JsonNode context) {
    ObjectNode out =
        context instanceof ObjectNode object ? object.deepCopy() : Json.MAPPER.createObjectNode();
    out.set(FIELD, Json.MAPPER.valueToTree(this));
    return out;
  }

  /** One phrase for a pager: {@code started 90 s after deploy 42 of orders-api by alice}. */
  public String phrase() {
    StringBuilder text =
        new StringBuilder("started ").append(secondsAfterDeploy).append(" s after deploy");
    if (version != null) {
      text.append(' ').append(version);
    }
    text.append(" of ").append(resource);
    if (actor != null) {
      text.append(" by ").append(actor);
    }
    return text.toString();
  }
}
