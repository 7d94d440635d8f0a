package io.tocsin.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where alert changes are delivered ({@code notify:} in the config): the routing tree, the
 * receivers it names and how failed deliveries are retried. Example:
 *
 * <pre>{@code
 * notify:
 *   route:
 *     receiver: team-sns                # alerts no child route takes
 *     routes:
 *       - matchers: ["severity=~critical|high"]
 *         receiver: oncall
 *         continue: true                # also try the next route
 *       - matchers: ["tag=T1098", "account=123456789012"]
 *         receiver: security
 *   receivers:
 *     - name: oncall
 *       pagerduty: {routing_key_env: PAGERDUTY_ROUTING_KEY}
 *       group_by: [rule, account]
 *       group_interval: 5m
 *       max_per_minute: 20
 *     - name: team-sns
 *       sns: {topic_arn: "arn:aws:sns:eu-west-1:123456789012:alerts"}
 *     - name: security
 *       sns: {topic_arn: "arn:aws:sns:eu-west-1:123456789012:security.fifo"}
 *   retry: {initial_backoff: 500ms, max_backoff: 30s, max_elapsed: 2m}
 * }</pre>
 *
 * @param route the root of the routing tree; default a root with no receiver (nothing delivered)
 * @param receivers every receiver routes may name; default none
 * @param retry retry and back-off for deliveries that failed with a retryable error
 */
public record NotifySettings(
    RouteSettings route, List<ReceiverSettings> receivers, RetrySettings retry) {

  /** The defaults, as documented on each field: nothing is delivered. */
  public static NotifySettings defaults() {
    return new NotifySettings(RouteSettings.to(""), List.of(), RetrySettings.defaults());
  }

  /** Fills absent sections and checks receiver names are unique and every route names one. */
  public NotifySettings {
    route = route == null ? RouteSettings.to("") : route;
    receivers = receivers == null ? List.of() : List.copyOf(receivers);
    retry = retry == null ? RetrySettings.defaults() : retry;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < receivers.size(); i++) {
      if (receivers.get(i) == null) {
        throw new ConfigException("receivers." + i, "expected a receiver, got nothing");
      }
      if (!names.add(receivers.get(i).name())) {
        throw new ConfigException(
            "receivers." + i + ".name",
            "receiver '" + receivers.get(i).name() + "' is defined twice");
      }
    }
    if (!route.matchers().isEmpty()) {
      throw new ConfigException(
          "route.matchers", "the root route takes every alert: move its matchers to a child route");
    }
    checkReceivers(route, "route", names);
  }

  /** The receiver called {@code name}; throws {@link IllegalArgumentException} when unknown. */
  public ReceiverSettings receiver(String name) {
    return receivers.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no receiver named '" + name + "'"));
  }

  private static void checkReceivers(RouteSettings route, String path, Set<String> names) {
    if (!route.receiver().isEmpty() && !names.contains(route.receiver())) {
      throw new ConfigException(
          path + ".receiver",
          "unknown receiver '"
              + route.receiver()
              + "'; expected one of: "
              + (names.isEmpty()
                  ? "(none defined under notify.receivers)"
                  : names.stream().sorted().collect(Collectors.joining(", "))));
    }
    for (int i = 0; i < route.routes().size(); i++) {
      checkReceivers(route.routes().get(i), path + ".routes." + i, names);
    }
  }
}
