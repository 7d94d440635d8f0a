package io.tocsin.notify;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds test alerts: a firing Lambda-errors alert unless told otherwise. */
public final class AlertBuilder {

  private String id;
  private String fingerprint = "fp-orders";
  private AlertStatus status = AlertStatus.FIRING;
  private String rule = "lambda-errors";
  private Severity severity = Severity.HIGH;
  private String title = "Lambda errors — orders";
  private String summary = "Matching event in orders at 2025-01-01T00:00:00Z: ERROR boom";
  private Instant startsAt = Instant.parse("2025-01-01T00:00:00Z");
  private Instant updatedAt = Instant.parse("2025-01-01T00:00:00Z");
  private long count = 3;
  private String account = "123456789012";
  private String region = "eu-west-1";
  private String logGroup = "/aws/lambda/orders";
  private String eventSource;
  private String principalArn;
  private List<String> tags = new ArrayList<>();
  private List<String> samples = new ArrayList<>(List.of("ERROR boom"));
  private List<Alert.Link> links =
      new ArrayList<>(List.of(new Alert.Link("Runbook", "https://runbooks.example.com/lambda")));
  private Map<String, String> labels = new LinkedHashMap<>(Map.of("team", "payments"));

  private AlertBuilder() {}

  /** A firing alert with the defaults above. */
  public static AlertBuilder alert() {
    return new AlertBuilder();
  }

  public AlertBuilder id(String value) {
    id = value;
    return this;
  }

  public AlertBuilder fingerprint(String value) {
    fingerprint = value;
    return this;
  }

  public AlertBuilder resolved() {
    status = AlertStatus.RESOLVED;
    return this;
  }

  public AlertBuilder rule(String value) {
    rule = value;
    return this;
  }

  public AlertBuilder severity(Severity value) {
    severity = value;
    return this;
  }

  public AlertBuilder title(String value) {
    title = value;
    return this;
  }

  public AlertBuilder summary(String value) {
    summary = value;
    return this;
  }

  public AlertBuilder updatedAt(Instant value) {
    updatedAt = value;
    return this;
  }

  public AlertBuilder principal(String arn) {
    principalArn = arn;
    return this;
  }

  public AlertBuilder account(String value) {
    account = value;
    return this;
  }

  public AlertBuilder logGroup(String value) {
    logGroup = value;
    return this;
  }

  public AlertBuilder eventSource(String value) {
    eventSource = value;
    return this;
  }

  public AlertBuilder tags(String... values) {
    tags = List.of(values);
    return this;
  }

  public AlertBuilder samples(List<String> values) {
    samples = values;
    return this;
  }

  public AlertBuilder noLinks() {
    links = List.of();
    return this;
  }

  public AlertBuilder label(String name, String value) {
    labels.put(name, value);
    return this;
  }

  /** The alert; its id defaults to {@code <fingerprint>-<status>}. */
  public Alert build() {
    return new Alert(
        Alert.SCHEMA_VERSION,
        id != null ? id : fingerprint + "-" + status.label(),
        fingerprint,
        status,
        new Alert.AlertRule(rule, "Lambda errors", "match", severity, tags),
        title,
        summary,
        startsAt,
        updatedAt,
        status == AlertStatus.RESOLVED ? updatedAt : null,
        count,
        null,
        new Alert.Resource(account, region, logGroup, eventSource, principalArn, null, null),
        samples,
        links,
        labels,
        null);
  }
}
