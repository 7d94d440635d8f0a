package io.tocsin.pattern;

/** The compiled body of one filter pattern: decides whether an event matches. */
@FunctionalInterface
interface EventMatcher {
  boolean matches(LogInput input);
}
