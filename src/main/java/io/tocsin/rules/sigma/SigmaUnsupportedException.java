package io.tocsin.rules.sigma;

/**
 * A Sigma rule uses a feature tocsin does not run; the message names the feature, so the rule is
 * refused with that reason instead of being compiled into something that means less.
 */
public final class SigmaUnsupportedException extends RuntimeException {

  /** A refusal naming {@code feature}. */
  public SigmaUnsupportedException(String feature) {
    super(feature);
  }
}
