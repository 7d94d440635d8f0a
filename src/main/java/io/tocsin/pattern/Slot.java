package io.tocsin.pattern;

/**
 * A place in an event that holds at most one text, such as the value a wildcard-free JSON selector
 * points at or the third space-delimited field. Equal slots read the same text.
 */
interface Slot {

  /** The text at this place in {@code input}, or null when there is none. */
  String textIn(LogInput input);
}
