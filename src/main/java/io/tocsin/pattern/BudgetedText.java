package io.tocsin.pattern;

/**
 * A reusable view of a message that lets a regex search read only so many characters, so that a
 * backtracking-heavy regex gives up instead of stalling a stream thread.
 */
final class BudgetedText implements CharSequence {

  /** Thrown from {@link #charAt} when the budget is spent; shared, without a stack trace. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Exhausted INSTANCE = new Exhausted();

    private Exhausted() {
      super("regex step budget exhausted", null, false, false);
    }
  }

  private CharSequence text = "";
  private long remaining;

  /** Points this view at {@code newText} with {@code budget} character reads to spend. */
  void reset(CharSequence newText, long budget) {
    text = newText;
    remaining = budget;
  }

  /** Drops the reference to the last message so a thread-local view does not retain it. */
  void clear() {
    text = "";
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public char charAt(int index) {
    if (--remaining < 0) {
      throw Exhausted.INSTANCE;
    }
    return text.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
