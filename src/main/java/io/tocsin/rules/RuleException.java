package io.tocsin.rules;

import java.util.List;

/**
 * Rule files that cannot be loaded. Each problem names the file, the rule id and the field; all
 * problems found are reported together so a user fixes them in one pass.
 */
public final class RuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Problems, each already of the form {@code file: rule ID: field F: what is wrong}. */
  public RuleException(List<String> problems) {
    super(
        problems.size() == 1
            ? problems.get(0)
            : problems.size() + " problems in rule files:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, one line each. */
  public List<String> problems() {
    return problems;
  }
}
