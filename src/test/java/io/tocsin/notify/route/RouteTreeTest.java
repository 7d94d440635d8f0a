package io.tocsin.notify.route;

import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.config.ConfigException;
import io.tocsin.config.RouteSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTreeTest {

  private static RouteSettings route(String receiver, boolean cont, String... matchers) {
    return new RouteSettings(List.of(matchers), receiver, cont, List.of());
  }

  private static RouteSettings root(String receiver, RouteSettings... children) {
    return new RouteSettings(List.of(), receiver, false, List.of(children));
  }

  private static List<String> receivers(RouteTree tree, Alert alert) {
    return tree.match(alert).stream().map(RouteTree.Match::receiver).toList();
  }

  @Test
  void shouldStopAtTheFirstMatchingChild() {
    RouteTree tree =
        RouteTree.compile(
            root(
                "default",
                route("oncall", false, "severity=~critical|high"),
                route("team", false, "team=payments")),
            "notify.route");

    assertThat(tree.match(alert().severity(Severity.HIGH).build()))
        .containsExactly(new RouteTree.Match("oncall", "notify.route.routes.0"));
  }

  @Test
  void shouldTryLaterSiblingsAfterAContinueRoute() {
    RouteTree tree =
        RouteTree.compile(
            root(
                "default",
                route("oncall", true, "severity=high"),
                route("team", false, "team=payments"),
                route("never", false, "team=payments")),
            "notify.route");

    assertThat(receivers(tree, alert().build())).containsExactly("oncall", "team");
  }

  @Test
  void shouldFallBackToTheRootReceiverWhenNoChildMatches() {
    RouteTree tree =
        RouteTree.compile(root("default", route("oncall", false, "severity=critical")), "r");

    assertThat(tree.match(alert().severity(Severity.LOW).build()))
        .containsExactly(new RouteTree.Match("default", "r"));
  }

  @Test
  void shouldDeliverNowhereWhenTheRootHasNoReceiverAndNothingMatches() {
    RouteTree tree = RouteTree.compile(root("", route("oncall", false, "severity=critical")), "r");

    assertThat(tree.match(alert().build())).isEmpty();
  }

  @Test
  void shouldInheritTheParentReceiverAndDescendIntoNestedRoutes() {
    RouteSettings security =
        new RouteSettings(
            List.of("tag=T1098"),
            "security",
            false,
            List.of(
                route("security-prod", false, "account=111111111111"),
                route("", false, "account=~2.*")));
    RouteTree tree = RouteTree.compile(root("default", security), "r");

    assertThat(tree.match(alert().tags("T1098", "T1078").account("111111111111").build()))
        .containsExactly(new RouteTree.Match("security-prod", "r.routes.0.routes.0"));
    assertThat(tree.match(alert().tags("T1098").account("222222222222").build()))
        .containsExactly(new RouteTree.Match("security", "r.routes.0.routes.1"));
    assertThat(tree.match(alert().tags("T1098").account("333333333333").build()))
        .containsExactly(new RouteTree.Match("security", "r.routes.0"));
  }

  @Test
  void shouldMatchOnRuleAccountAnyLabelAndNegations() {
    RouteTree tree =
        RouteTree.compile(
            root(
                "",
                route("by-rule", true, "rule=lambda-errors", "account!=999999999999"),
                route("by-label", true, "team=~pay.*", "status=firing"),
                route("not-tagged", true, "tag!~T.*")),
            "r");

    assertThat(receivers(tree, alert().build()))
        .containsExactly("by-rule", "by-label", "not-tagged");
    assertThat(receivers(tree, alert().resolved().tags("T1098").account("999999999999").build()))
        .isEmpty();
  }

  @Test
  void shouldListEachReceiverOnceEvenWhenTwoRoutesReachIt() {
    RouteTree tree =
        RouteTree.compile(
            root(
                "", route("oncall", true, "severity=high"), route("oncall", true, "team=payments")),
            "r");

    assertThat(tree.match(alert().build()))
        .containsExactly(new RouteTree.Match("oncall", "r.routes.0"));
  }

  @Test
  void shouldNameTheMatcherThatDoesNotParse() {
    RouteSettings bad = root("", route("x", false, "severity=high", "rule=~(unclosed"));

    assertThatThrownBy(() -> RouteTree.compile(bad, "notify.route"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("notify.route.routes.0.matchers.1: matcher rule=~(unclosed")
        .hasMessageContaining("invalid regex");
  }
}
