package io.tocsin.detect.deploy;

/** The upper tail of the binomial distribution, exact (summed in log space), for counts tests. */
final class Binomial {

  private static final int TABLE = 256;
  private static final double[] LOG_FACTORIAL = new double[TABLE];

  static {
    for (int i = 1; i < TABLE; i++) {
      LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
    }
  }

  private Binomial() {}

  /**
   * {@code P(X >= k)} for {@code X ~ Binomial(n, p)}: the one-sided p-value of seeing {@code k} or
   * more events in {@code n} trials when each happens with probability {@code p}.
   */
  static double upperTail(long n, long k, double p) {
    if (k <= 0) {
      return 1;
    }
    if (k > n || p <= 0) {
      return 0;
    }
    if (p >= 1 || k <= n * p) {
      return 1;
    }
    double logTerm =
        logFactorial(n)
            - logFactorial(k)
            - logFactorial(n - k)
            + k * Math.log(p)
            + (n - k) * Math.log1p(-p);
    double odds = p / (1 - p);
    double sum = 1;
    double ratio = 1;
    for (long j = k; j < n; j++) {
      ratio *= (double) (n - j) / (j + 1) * odds;
      sum += ratio;
      if (ratio < sum * 1e-16) {
        break;
      }
    }
    return Math.min(1, Math.exp(logTerm + Math.log(sum)));
  }

  /** {@code ln(n!)}: a table below 256, Stirling's series above (error below 1e-12). */
  static double logFactorial(long n) {
    if (n < TABLE) {
      return LOG_FACTORIAL[(int) n];
    }
    double x = n;
    return x * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI * x)
        + 1 / (12 * x)
        - 1 / (360 * x * x * x);
  }
}
