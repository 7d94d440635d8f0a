package io.tocsin.notify.route;

import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.config.RouteSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Silence;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Route and silence matchers against inputs built to make a backtracking regex engine stall. */
class HostileMatcherTest {

  private static final String NESTED = "principal=~(.*a){20}b";
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private static Alert byUser(String user) {
    return alert().principal("arn:aws:iam::123456789012:user/" + user).build();
  }

  private static Silence silence(String matcher) {
    return new Silence(
        "s1",
        List.of(LabelMatcher.parse(matcher)),
        NOW.minusSeconds(60),
        NOW.plusSeconds(3600),
        "mallory",
        "quiet please");
  }

  @Test
  @Timeout(10)
  void shouldEvaluateANestedRepetitionSilenceWithoutStalling() {
    Silence nested = silence(NESTED);
    Alert attacker = byUser("a".repeat(27));
    for (int i = 0; i < 1_000; i++) {
      assertThat(nested.silences(attacker, NOW)).isFalse();
    }
    assertThat(nested.silences(byUser("a".repeat(27) + "b"), NOW)).isTrue();
  }

  @Test
  @Timeout(10)
  void shouldRouteAnAlertPastAHostileMatcherWithoutStalling() {
    RouteTree tree =
        RouteTree.compile(
            new RouteSettings(
                List.of(),
                "default",
                false,
                List.of(
                    new RouteSettings(List.of(NESTED), "never", false, List.of()),
                    new RouteSettings(
                        List.of("principal!~.*user/(x+x+)+y"), "oncall", false, List.of()))),
            "notify.route");

    assertThat(tree.match(byUser("a".repeat(4_096))))
        .extracting(RouteTree.Match::receiver)
        .containsExactly("oncall");
    assertThat(tree.match(byUser("x".repeat(4_096) + "y")))
        .extracting(RouteTree.Match::receiver)
        .containsExactly("default");
  }

  @Test
  void shouldRefuseBackReferencesAndLookAroundWithTheReason() {
    assertThatThrownBy(() -> LabelMatcher.parse("principal=~(a)\\1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matcher principal=~(a)\\1: invalid regex (RE2 syntax;")
        .hasMessageContaining("\\1");
    assertThatThrownBy(() -> LabelMatcher.parse("principal=~(?=admin).*"))
        .hasMessageContaining("no back-references or look-around");
  }

  @Test
  void shouldKeepAnchoredAlertmanagerSemantics() {
    assertThat(LabelMatcher.parse("principal=~.*user/bob").matches(byUser("bob"))).isTrue();
    assertThat(LabelMatcher.parse("principal=~user/bob").matches(byUser("bob"))).isFalse();
    assertThat(LabelMatcher.parse("log_group=~/aws/lambda/orders-.*").matches(alert().build()))
        .isFalse();
    assertThat(LabelMatcher.parse("severity=~critical|high").matches(alert().build())).isTrue();
  }
}
