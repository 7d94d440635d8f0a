package io.tocsin.pattern;

/**
 * A filter pattern (or a metric value reference) that AWS would refuse, with the 0-based character
 * index of the problem and the reason in AWS's wording where it is known.
 */
public final class PatternSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int position;
  private final String reason;

  /** Creates the exception for {@code reason} at character index {@code position}. */
  public PatternSyntaxException(int position, String reason) {
    this("filter pattern", position, reason);
  }

  /** Creates the exception for another kind of text, such as a metric value reference. */
  PatternSyntaxException(String subject, int position, String reason) {
    super("Invalid " + subject + " at position " + position + ": " + reason);
    this.position = position;
    this.reason = reason;
  }

  /** The 0-based character index in the pattern text where the problem was found. */
  public int position() {
    return position;
  }

  /** What is wrong, without the position prefix. */
  public String reason() {
    return reason;
  }
}
