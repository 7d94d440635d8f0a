package io.tocsin.notify.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Alert;
import io.tocsin.model.DeployContext;
import io.tocsin.model.Json;
import io.tocsin.notify.AlertLinks;
import io.tocsin.notify.MessageBudget;
import io.tocsin.notify.Notification;

/**
 * Builds the Events API v2 JSON for a notification: {@code trigger} (dedup_key = fingerprint, the
 * alert's context in {@code custom_details}) or {@code resolve} with the same key. Keeps the
 * summary within 1024 characters and the event under PagerDuty's 512 KB limit ({@link
 * MessageBudget}: samples are trimmed first).
 */
final class PagerDutyEvent {

  /** PagerDuty's limit on the whole event. */
  static final int MAX_BYTES = 512 * 1024;

  /** PagerDuty's limit on {@code payload.summary}. */
  static final int MAX_SUMMARY_CHARS = 1024;

  private PagerDutyEvent() {}

  /** The event JSON for {@code n}, authenticated by {@code routingKey}. */
  static byte[] of(Notification n, String routingKey) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("routing_key", routingKey);
    event.put("dedup_key", n.dedupKey());
    if (n.kind() == Notification.Kind.RESOLVE) {
      event.put("event_action", "resolve");
      return bytes(event);
    }
    event.put("event_action", "trigger");
    event.put("client", "tocsin");
    Alert alert = n.alert();
    ObjectNode payload = event.putObject("payload");
    payload.put("summary", MessageBudget.truncate(summary(n), MAX_SUMMARY_CHARS));
    if (alert.updatedAt() != null) {
      payload.put("timestamp", alert.updatedAt().toString());
    }
    payload.put("source", source(alert.resource()));
    payload.put("severity", severity(alert));
    Alert.Resource r = alert.resource();
    if (r != null) {
      putIfPresent(payload, "component", r.logGroup() != null ? r.logGroup() : r.eventSource());
      putIfPresent(payload, "group", r.account());
    }
    payload.put("class", alert.rule().id());
    payload.set("custom_details", details(n));
    ArrayNode links = event.putArray("links");
    for (Alert.Link link : AlertLinks.of(alert)) {
      links.addObject().put("href", link.href()).put("text", link.text());
    }
    ObjectNode details = (ObjectNode) payload.get("custom_details");
    MessageBudget.fit(details, () -> bytes(event).length, MAX_BYTES);
    return bytes(event);
  }

  /** PagerDuty's severity for a tocsin severity. */
  static String severity(Alert alert) {
    return switch (alert.rule().severity()) {
      case CRITICAL -> "critical";
      case HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "info";
    };
  }

  private static String summary(Notification n) {
    String title = n.alert().title() != null ? n.alert().title() : n.alert().rule().id();
    if (n.group() == null) {
      return title;
    }
    Notification.GroupSummary g = n.group();
    return g.changes()
        + " more firing "
        + (g.changes() == 1 ? "change" : "changes")
        + " in group "
        + g.labels()
        + " since "
        + g.since()
        + "; latest: "
        + title;
  }

  private static String source(Alert.Resource r) {
    if (r == null) {
      return "tocsin";
    }
    String where =
        r.logGroup() != null
            ? r.logGroup()
            : r.eventSource() != null ? r.eventSource() : r.principalArn();
    if (where == null) {
      return r.account() != null ? r.account() : "tocsin";
    }
    return r.account() != null ? r.account() + ":" + where : where;
  }

  private static ObjectNode details(Notification n) {
    Alert alert = n.alert();
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("status", alert.status().label());
    d.set("rule", Json.MAPPER.valueToTree(alert.rule()));
    d.put("summary", alert.summary());
    d.put("count", alert.count());
    d.put("startsAt", String.valueOf(alert.startsAt()));
    d.put("updatedAt", String.valueOf(alert.updatedAt()));
    d.put("alertId", alert.id());
    d.put("fingerprint", alert.fingerprint());
    if (alert.evaluation() != null) {
      d.set("evaluation", Json.MAPPER.valueToTree(alert.evaluation()));
    }
    if (alert.resource() != null) {
      d.set("resource", Json.MAPPER.valueToTree(alert.resource()));
    }
    d.set("samples", Json.MAPPER.valueToTree(alert.samples()));
    d.set("labels", Json.MAPPER.valueToTree(alert.labels()));
    if (alert.context() != null) {
      d.set("context", alert.context());
    }
    DeployContext deploy = DeployContext.in(alert.context());
    if (deploy != null) {
      d.put("deploy", deploy.phrase());
    }
    if (n.group() != null) {
      d.set("group", Json.MAPPER.valueToTree(n.group()));
    }
    return d;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }

  private static byte[] bytes(ObjectNode event) {
    try {
      return Json.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a PagerDuty event", e);
    }
  }
}
