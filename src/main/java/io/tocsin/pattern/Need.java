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

  /**
   * The text at {@code slot} passes {@code comparison}, one with a {@link Comparison#bound}. Only
   * for slots whose patterns test the text itself (delimited fields), so that testing the slot's
   * text is exactly what the pattern does.
   */
  record Passes(Slot slot, Comparison comparison) implements Need {}
}
