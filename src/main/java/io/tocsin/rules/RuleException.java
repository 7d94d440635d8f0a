package io.tocsin.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Rule files that cannot be loaded: every {@link RuleError} found in one load, so a user fixes them
 * in one pass. The message is one line per error.
 */
public final class RuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<RuleError> errors;

  /** The errors of one load; at least one. */
  public RuleException(List<RuleError> errors) {
    super(errors.stream().map(RuleError::text).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** Every error found, in load order. */
  public List<RuleError> errors() {
    return errors;
  }

  /** How many distinct files the errors are in. */
  public long files() {
    return errors.stream().map(RuleError::file).distinct().count();
  }
}
