package io.tocsin.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One node of the routing tree ({@code notify.route:} and its {@code routes:}), with Alertmanager's
 * semantics: an alert enters a child whose matchers all match; the first matching child wins unless
 * it sets {@code continue}; a node no child takes the alert from delivers to its own receiver.
 *
 * @param matchers conditions on alert labels, each {@code name=value}, {@code name!=value}, {@code
 *     name=~regex} or {@code name!~regex} (label names as in {@code AlertLabels}: severity, rule,
 *     tag, account, region, log_group, status, any rule label); all must match; the root route's
 *     must be empty; default none (matches every alert)
 * @param receiver the receiver name; default the parent's (the root's default is none: unrouted
 *     alerts are not delivered)
 * @param continueMatching ({@code continue:} in YAML) whether later siblings are tried after this
 *     route matched; default false
 * @param routes child routes, tried in order; default none
 */
public record RouteSettings(
    List<String> matchers,
    String receiver,
    @JsonProperty("continue") boolean continueMatching,
    List<RouteSettings> routes) {

  /** Normalises absent lists to empty ones and checks the matchers are written out. */
  public RouteSettings {
    matchers = matchers == null ? List.of() : List.copyOf(matchers);
    routes = routes == null ? List.of() : List.copyOf(routes);
    receiver = receiver == null ? "" : receiver.trim();
    for (int i = 0; i < matchers.size(); i++) {
      if (matchers.get(i) == null || matchers.get(i).isBlank()) {
        throw new ConfigException(
            "matchers." + i, "expected name=value, name!=value, name=~regex or name!~regex");
      }
    }
  }

  /** A root route sending every alert to {@code receiver}. */
  public static RouteSettings to(String receiver) {
    return new RouteSettings(List.of(), receiver, false, List.of());
  }
}
