package io.tocsin.ingest.decode;

/**
 * Why a record went to the dead-letter topic. The {@link #code()} strings are a contract: they are
 * the dead-letter record key, the {@code reason} field and the {@code reason} tag of {@code
 * tocsin.ingest.decode.failures}; alerts and dashboards match on them, so never rename one.
 */
public enum ReasonCode {
  /** The record has no bytes. */
  EMPTY("empty"),
  /** The record starts like gzip (or base64 of gzip) but does not inflate. */
  BAD_GZIP("bad_gzip"),
  /**
   * The record, inflated, is larger than the decoder's bound or holds more JSON tokens than the
   * parser's (a gzip bomb, a runaway writer, a record built to exhaust memory).
   */
  OVERSIZE("oversize"),
  /** The bytes are not valid UTF-8, which every JSON source tocsin reads must be. */
  BAD_UTF8("bad_utf8"),
  /** The bytes are not one well-formed JSON document. */
  BAD_JSON("bad_json"),
  /** The JSON nests deeper than {@link io.tocsin.model.Json#MAX_NESTING_DEPTH} levels. */
  TOO_DEEP("too_deep"),
  /** Well-formed JSON that is none of the shapes tocsin reads (see {@link RecordDecoder}). */
  UNKNOWN_SHAPE("unknown_shape"),
  /** A known shape with a field of the wrong type or an unreadable value (e.g. eventTime). */
  BAD_FIELD("bad_field"),
  /** An EventBridge event whose detail-type tocsin does not ingest. */
  UNSUPPORTED_EVENT("unsupported_event"),
  /** Decoded, but its serialized form exceeds what the Kafka cluster accepts for one record. */
  TOO_LARGE_FOR_KAFKA("too_large_for_kafka"),
  /** The decoder itself failed on the record: a tocsin bug, logged with its stack trace. */
  DECODER_ERROR("decoder_error");

  private final String code;

  ReasonCode(String code) {
    this.code = code;
  }

  /** The stable, lowercase code written to the dead letter. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
