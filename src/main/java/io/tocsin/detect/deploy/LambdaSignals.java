package io.tocsin.detect.deploy;

/**
 * Whether a {@code tocsin.logs.v1} value, still undecoded, may be a line {@link LambdaLines}
 * counts: a REPORT line, or one holding a failure term. In Lambda traffic four lines in five are
 * START, END or the function's own output, and the watch decoded every one of them a second time
 * after the detector; this lets only the candidates through to be decoded and counted. A value
 * whose message it cannot find is let through.
 */
final class LambdaSignals {

  private static final byte[] MESSAGE = RawJson.stringMember("message");
  private static final byte[] REPORT = RawJson.ascii(LambdaLines.REPORT);
  private static final RawJson.AnyOf FAILURES = new RawJson.AnyOf(LambdaLines.FAILURE_TERMS);

  private LambdaSignals() {}

  /** Whether {@code value} may carry a signal; {@code false} only when it surely does not. */
  static boolean mayCarry(byte[] value) {
    if (value == null) {
      return false;
    }
    int message = RawJson.valueStart(value, MESSAGE);
    if (message < 0 || RawJson.occursAt(value, REPORT, message)) {
      return true;
    }
    return FAILURES.occursIn(value, message);
  }
}
