package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.pattern.LogInput;

/**
 * An event as rules see it: the input filter patterns match, the named fields group keys and alert
 * resources use, and its event time. One instance per event, shared by every rule (so a JSON
 * message is parsed at most once).
 */
public sealed interface RuleEvent {

  /** What filter patterns match against. */
  LogInput input();

  /** The value of a named field (see {@link GroupKey}), or {@code null} when absent. */
  String field(String name);

  /** Event time in epoch milliseconds. */
  long timestamp();

  /** The text kept as an alert sample. */
  String sample();

  /** A CloudWatch Logs event. */
  static RuleEvent of(LogEvent event) {
    return new Log(event, LogInput.ofMessage(event.message()));
  }

  /**
   * A CloudTrail event; its JSON is not parsed again, and only serialized when a term or regex
   * pattern, or an alert sample, needs its text.
   */
  static RuleEvent of(CloudTrailEvent event) {
    return of(event, SourceNetworks.PREFIXES);
  }

  /** A CloudTrail event whose {@code source_network} is named by {@code networks}. */
  static RuleEvent of(CloudTrailEvent event, SourceNetworks networks) {
    JsonNode json = event.event();
    return new Trail(event, LogInput.ofJson(json, event::eventText), networks);
  }

  /** A log event with its pattern input. */
  record Log(LogEvent event, LogInput input) implements RuleEvent {
    @Override
    public String field(String name) {
      return switch (name) {
        case "log_group" -> event.logGroup();
        case "log_stream" -> event.logStream();
        case "owner", "account" -> event.owner();
        default -> null;
      };
    }

    @Override
    public long timestamp() {
      return event.timestamp();
    }

    @Override
    public String sample() {
      return event.message();
    }
  }

  /** A CloudTrail event with its pattern input and how its source network is named. */
  record Trail(CloudTrailEvent event, LogInput input, SourceNetworks networks)
      implements RuleEvent {
    @Override
    public String field(String name) {
      JsonNode e = event.event();
      return switch (name) {
        case "account" -> event.account();
        case "region" -> event.region();
        case "event_source" -> event.eventSource();
        case "event_name" -> event.eventName();
        case "principal" -> principal(e.path("userIdentity"));
        case "identity" -> identity(e.path("userIdentity"));
        case "source_ip" -> text(e.path("sourceIPAddress"));
        case "source_network" -> networks.of(text(e.path("sourceIPAddress")));
        case "user_agent" -> text(e.path("userAgent"));
        default -> null;
      };
    }

    @Override
    public long timestamp() {
      return event.eventTime().toEpochMilli();
    }

    /** The event's JSON text, as term patterns see it. */
    @Override
    public String sample() {
      return input.message();
    }

    /** The IAM identity behind the actor: an assumed role's role, else the principal. */
    private static String identity(JsonNode identity) {
      String role = text(identity.path("sessionContext").path("sessionIssuer").path("arn"));
      return role != null && "AssumedRole".equals(text(identity.path("type")))
          ? role
          : principal(identity);
    }

    private static String principal(JsonNode identity) {
      String arn = text(identity.path("arn"));
      if (arn != null) {
        return arn;
      }
      String issuer = text(identity.path("sessionContext").path("sessionIssuer").path("arn"));
      return issuer != null ? issuer : text(identity.path("principalId"));
    }

    private static String text(JsonNode node) {
      return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
    }
  }
}
