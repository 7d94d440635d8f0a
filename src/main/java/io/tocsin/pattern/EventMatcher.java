package io.tocsin.pattern;

/** The compiled body of one filter pattern: decides whether an event matches. */
@FunctionalInterface
interface EventMatcher {
  boolean matches(LogInput input);

  /** What every event this matcher accepts has; by default nothing known. */
  default Requirement requirement() {
    return Requirement.NONE;
  }
}
