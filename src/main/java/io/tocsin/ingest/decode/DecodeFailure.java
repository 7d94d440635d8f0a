package io.tocsin.ingest.decode;

/** Why one record, or one element of it, cannot be decoded; becomes a dead letter. */
final class DecodeFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient ReasonCode reason;

  DecodeFailure(ReasonCode reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  ReasonCode reason() {
    return reason;
  }
}
