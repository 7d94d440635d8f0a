package io.tocsin.detect.deploy;

import io.tocsin.config.DeploymentSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether the traffic after a deploy regressed from the baseline before it: for the error
 * share, the timeout share and the share slower than the baseline's p99, a one-sided binomial test
 * of "the share after is at most the smallest regression worth a verdict" ({@code max(baseline x
 * minRatio, baseline + minIncrease)}, the baseline share smoothed by one event). The watch looks
 * once per bucket for the whole window, so {@code alpha} is split over every look and figure
 * (Bonferroni): a clean deploy gets a false verdict with probability below {@code alpha}.
 */
final class RegressionTest {

  private static final int FIGURES = 3;

  private final DeploymentSettings settings;
  private final double alphaPerTest;

  RegressionTest(DeploymentSettings settings) {
    this.settings = settings;
    long looks = Math.max(1, settings.window().toMillis() / TrafficBucket.MILLIS);
    this.alphaPerTest = settings.alpha() / (FIGURES * looks);
  }

  /** The outcome of one look: regressed or not, and the test in words. */
  record Result(boolean regressed, String figure, String test) {}

  /** Compares {@code after} with {@code baseline}. */
  Result judge(TrafficWindow baseline, TrafficWindow after) {
    List<Figure> figures = new ArrayList<>();
    figures.add(
        figure(
            "errors",
            after.errors(),
            after.invocations(),
            baseline.errors(),
            baseline.invocations()));
    figures.add(
        figure(
            "timeouts",
            after.timeouts(),
            after.invocations(),
            baseline.timeouts(),
            baseline.invocations()));
    int p99 = baseline.p99Bin();
    if (p99 >= 0) {
      figures.add(
          figure(
              String.format(Locale.ROOT, "slower than %.0f ms", DurationBins.upperEdge(p99)),
              after.slowerThan(p99),
              after.timed(),
              baseline.slowerThan(p99),
              baseline.timed()));
    }
    Figure worst = figures.stream().min((a, b) -> Double.compare(a.pValue, b.pValue)).orElseThrow();
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "one-sided binomial, alpha %s per deploy = %.2g per look and figure; ",
                settings.alpha(),
                alphaPerTest));
    for (int i = 0; i < figures.size(); i++) {
      text.append(i == 0 ? "" : "; ").append(figures.get(i).describe());
    }
    boolean regressed = worst.pValue < alphaPerTest;
    return new Result(regressed, regressed ? worst.name : null, text.toString());
  }

  private Figure figure(String name, long k, long n, long baselineK, long baselineN) {
    double baselineShare = (baselineK + 1.0) / (baselineN + 2.0);
    double worthIt =
        Math.min(
            1,
            Math.max(baselineShare * settings.minRatio(), baselineShare + settings.minIncrease()));
    return new Figure(name, k, n, baselineShare, worthIt, Binomial.upperTail(n, k, worthIt));
  }

  /** One tested share. */
  private record Figure(
      String name, long k, long n, double baselineShare, double worthIt, double pValue) {

    String describe() {
      return String.format(
          Locale.ROOT,
          "%s %d/%d vs baseline %.2f %% (H0: at most %.2f %%), p=%.2g",
          name,
          k,
          n,
          baselineShare * 100,
          worthIt * 100,
          pValue);
    }
  }
}
