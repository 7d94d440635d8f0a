package io.tocsin.model;

import java.time.Instant;

/**
 * Input tocsin could not process, on {@code tocsin.deadletter.v1} (key: the reason code). Nothing
 * is dropped silently: every rejected record lands here with enough to find and replay it.
 *
 * @param reason a stable code such as {@code bad_gzip}, {@code bad_json}, {@code oversize}
 * @param detail a human-readable explanation
 * @param source where the record was read from
 * @param receivedAt when tocsin rejected it
 * @param raw the first bytes of the record (at most {@link #MAX_RAW_BYTES})
 * @param rawSize the full size of the record in bytes
 */
public record DeadLetter(
    String reason,
    String detail,
    SourcePosition source,
    Instant receivedAt,
    byte[] raw,
    int rawSize) {

  /** The most raw bytes a dead letter keeps. */
  public static final int MAX_RAW_BYTES = 64 * 1024;

  /** Builds a dead letter, keeping at most {@link #MAX_RAW_BYTES} of {@code bytes}. */
  public static DeadLetter of(
      String reason, String detail, SourcePosition source, Instant receivedAt, byte[] bytes) {
    byte[] kept =
        bytes.length <= MAX_RAW_BYTES ? bytes : java.util.Arrays.copyOf(bytes, MAX_RAW_BYTES);
    return new DeadLetter(reason, detail, source, receivedAt, kept, bytes.length);
  }
}
