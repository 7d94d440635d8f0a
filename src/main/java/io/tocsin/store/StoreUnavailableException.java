package io.tocsin.store;

/**
 * The alert store cannot answer right now (starting, rebalancing, or a peer instance did not
 * answer); the caller should retry shortly rather than show partial results.
 */
public final class StoreUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Unavailable for the reason given in {@code message}. */
  public StoreUnavailableException(String message) {
    super(message);
  }

  /** Unavailable because of {@code cause}. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
