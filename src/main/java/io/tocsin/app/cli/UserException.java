package io.tocsin.app.cli;

/** An error the user can fix (a missing file, a bad argument); printed without a stack trace. */
public final class UserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error described by {@code message}, which names what to fix. */
  public UserException(String message) {
    super(message);
  }
}
