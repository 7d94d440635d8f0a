package io.tocsin.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label view of an alert that routes and silences match on: the alert's own labels plus {@code
 * rule}, {@code severity}, {@code status}, {@code kind}, {@code account}, {@code region} and {@code
 * log_group} when known. Tags are multi-valued and matched as {@code tag}.
 */
public final class AlertLabels {

  private AlertLabels() {}

  /** The single-valued labels of {@code alert}. */
  public static Map<String, String> of(Alert alert) {
    Map<String, String> labels = new LinkedHashMap<>(alert.labels());
    labels.put("rule", alert.rule().id());
    labels.put("severity", alert.rule().severity().label());
    labels.put("status", alert.status().label());
    labels.put("kind", alert.rule().kind());
    Alert.Resource r = alert.resource();
    if (r != null) {
      putIfKnown(labels, "account", r.account());
      putIfKnown(labels, "region", r.region());
      putIfKnown(labels, "log_group", r.logGroup());
      putIfKnown(labels, "principal", r.principalArn());
    }
    return labels;
  }

  /** The values of {@code name} for {@code alert}: its tags for {@code tag}, else one label. */
  public static List<String> values(Alert alert, String name) {
    if (name.equals("tag")) {
      return alert.rule().tags();
    }
    String value = of(alert).get(name);
    return value == null ? List.of() : List.of(value);
  }

  private static void putIfKnown(Map<String, String> labels, String name, String value) {
    if (value != null && !value.isEmpty()) {
      labels.put(name, value);
    }
  }
}
