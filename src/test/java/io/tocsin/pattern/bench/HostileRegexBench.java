package io.tocsin.pattern.bench;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Severity;
import io.tocsin.model.Silence;
import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.LogInput;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints what hostile input costs the regex sites: per-event matching cost (p50/p99/max) of {@code
 * %regex%} patterns against a 64 KB padded field, with the verdict each gives, and the time to
 * evaluate a nested-repetition silence against a principal named with n {@code a}s.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:$(deps)
 * io.tocsin.pattern.bench.HostileRegexBench [max-a-count]}. The optional argument caps the silence
 * principal length (a backtracking engine needs seconds per evaluation from about 24).
 */
public final class HostileRegexBench {

  private static final int FIELD = 65_536;
  private static final int ROUNDS = 200;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private HostileRegexBench() {}

  /** One pattern, one event, and the verdict the documented semantics give. */
  private record Case(String name, String pattern, String event, boolean expected) {}

  public static void main(String[] args) {
    int maxA = args.length > 0 ? Integer.parseInt(args[0]) : 27;
    String padded = "a".repeat(FIELD) + "!c";
    String json = "{\"userName\":\"" + padded + "\",\"eventName\":\"ConsoleLogin\"}";
    List<Case> cases =
        List.of(
            new Case("term %a*c%, 64 KB message", "%a*c%", padded, true),
            new Case("term %a*a*b%, 64 KB message", "%a*a*b%", padded, false),
            new Case("json $.userName = %a*c%", "{ $.userName = %a*c% }", json, true),
            new Case("json $.userName = %^a+$%", "{ $.userName = %^a+$% }", json, false),
            new Case(
                "ordinary 160 B line %ERROR%", "%ERROR%", PatternMatchBenchmark.LAMBDA_LINE, true));
    System.out.printf(
        "%-34s %10s %10s %10s  %s%n", "per-event match", "p50 µs", "p99 µs", "max µs", "verdict");
    for (Case c : cases) {
      FilterPattern pattern = FilterPattern.compile(c.pattern());
      long[] nanos = new long[ROUNDS];
      boolean verdict = false;
      for (int warm = 0; warm < 20; warm++) {
        pattern.matches(LogInput.ofMessage(c.event()));
      }
      for (int i = 0; i < ROUNDS; i++) {
        LogInput input = LogInput.ofMessage(c.event());
        long t0 = System.nanoTime();
        verdict = pattern.matches(input);
        nanos[i] = System.nanoTime() - t0;
      }
      Arrays.sort(nanos);
      System.out.printf(
          "%-34s %10.1f %10.1f %10.1f  %s%n",
          c.name(),
          nanos[ROUNDS / 2] / 1e3,
          nanos[ROUNDS * 99 / 100] / 1e3,
          nanos[ROUNDS - 1] / 1e3,
          verdict == c.expected() ? "correct (" + verdict + ")" : "WRONG (" + verdict + ")");
    }
    System.out.println();
    System.out.printf(
        "%-34s %12s %12s %12s%n", "silence principal=~(.*a){20}b", "first ms", "p50 µs", "p99 µs");
    Silence silence =
        new Silence(
            "s",
            List.of(LabelMatcher.parse("principal=~(.*a){20}b")),
            NOW,
            NOW.plusSeconds(60),
            "bench",
            "hostile");
    for (int n = 16; n <= maxA; n += n < 24 ? 4 : 1) {
      Alert alert = alert("arn:aws:iam::123456789012:user/" + "a".repeat(n));
      long t0 = System.nanoTime();
      silence.silences(alert, NOW);
      double firstMs = (System.nanoTime() - t0) / 1e6;
      String p50 = "-";
      String p99 = "-";
      if (firstMs < 50) {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
          long t = System.nanoTime();
          silence.silences(alert, NOW);
          nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        p50 = String.format("%.1f", nanos[49] / 1e3);
        p99 = String.format("%.1f", nanos[98] / 1e3);
      }
      System.out.printf(
          "%-34s %12.2f %12s %12s%n", "principal of " + n + " a's", firstMs, p50, p99);
    }
  }

  private static Alert alert(String principal) {
    return new Alert(
        Alert.SCHEMA_VERSION,
        "id",
        "fp",
        AlertStatus.FIRING,
        new Alert.AlertRule(
            "cis-console-login", "Console login", "match", Severity.HIGH, List.of()),
        "Console login",
        "summary",
        NOW,
        NOW,
        null,
        1,
        null,
        new Alert.Resource("123456789012", "us-east-1", null, null, principal, null, null),
        List.of(),
        List.of(),
        Map.of(),
        null);
  }
}
