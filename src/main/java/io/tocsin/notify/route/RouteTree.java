package io.tocsin.notify.route;

import io.tocsin.config.ConfigException;
import io.tocsin.config.RouteSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.LabelMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing tree compiled from {@link RouteSettings}: decides which receivers an alert change
 * reaches, with Alertmanager's semantics (first matching child wins unless it sets {@code
 * continue}; children inherit their parent's receiver; a node no child takes the alert from
 * delivers to its own receiver).
 */
public final class RouteTree {

  private final Node root;

  private RouteTree(Node root) {
    this.root = root;
  }

  /**
   * Compiles {@code route} (the root, at config key {@code path}, e.g. {@code notify.route}).
   *
   * @throws ConfigException naming the matcher's key when a matcher does not parse
   */
  public static RouteTree compile(RouteSettings route, String path) {
    return new RouteTree(node(route, path, ""));
  }

  /**
   * Where {@code alert} goes: each reached receiver once, in route order, with the route that
   * reached it first. Empty when the alert reaches no receiver.
   */
  public List<Match> match(Alert alert) {
    Map<String, Match> reached = new LinkedHashMap<>();
    walk(root, alert, reached);
    return List.copyOf(reached.values());
  }

  /** A receiver an alert reaches and the config path of the route that sent it there. */
  public record Match(String receiver, String route) {}

  /** Returns whether {@code node} or one of its descendants took the alert. */
  private static boolean walk(Node node, Alert alert, Map<String, Match> reached) {
    if (!node.matches(alert)) {
      return false;
    }
    boolean childTook = false;
    for (Node child : node.children) {
      if (walk(child, alert, reached)) {
        childTook = true;
        if (!child.continueMatching) {
          break;
        }
      }
    }
    if (!childTook && !node.receiver.isEmpty()) {
      reached.putIfAbsent(node.receiver, new Match(node.receiver, node.path));
    }
    return true;
  }

  private static Node node(RouteSettings route, String path, String inherited) {
    List<LabelMatcher> matchers = new ArrayList<>();
    for (int i = 0; i < route.matchers().size(); i++) {
      try {
        matchers.add(LabelMatcher.parse(route.matchers().get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(path + ".matchers." + i, e.getMessage());
      }
    }
    String receiver = route.receiver().isEmpty() ? inherited : route.receiver();
    List<Node> children = new ArrayList<>();
    for (int i = 0; i < route.routes().size(); i++) {
      children.add(node(route.routes().get(i), path + ".routes." + i, receiver));
    }
    return new Node(path, matchers, receiver, route.continueMatching(), children);
  }

  /** A compiled route. */
  private record Node(
      String path,
      List<LabelMatcher> matchers,
      String receiver,
      boolean continueMatching,
      List<Node> children) {

    boolean matches(Alert alert) {
      return matchers.stream().allMatch(m -> m.matches(alert));
    }
  }
}
