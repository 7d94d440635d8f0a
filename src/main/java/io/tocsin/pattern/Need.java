package io.tocsin.pattern;

/**
 * Something an event must have for a pattern to match it: a necessary condition, cheap to look up
 * for many patterns at once (see {@link CandidateIndex}).
 */
sealed interface Need {

  /** The raw message contains {@code literal}, a non-empty text. */
  record Contains(String literal) implements Need {}

  /** The text at {@code slot} of the event is exactly {@code text}. */
  record Equals(Slot slot, String text) implements Need {}
}
