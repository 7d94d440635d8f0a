package io.tocsin.detect.deploy;

import java.nio.charset.StandardCharsets;

/**
 * Whether a {@code tocsin.cloudtrail.v1} value, still undecoded, may be a deployment or a stack
 * status change: its top-level {@code eventSource} is one {@link DeployEvents} reads. The watch
 * reads every CloudTrail event the detector reads, and decoding them all again cost it as much as
 * the rest of its work; this reads the first {@code "eventSource":"…"} (the record's own field,
 * written before the nested event), and lets through, to be decoded and judged, any value written
 * in another layout (spaces, escapes) rather than guess.
 */
final class DeploySources {

  private static final byte[] KEY = RawJson.stringMember("eventSource");

  private DeploySources() {}

  /** Whether {@code value} may concern a deployment; {@code false} only when it surely does not. */
  static boolean mayConcern(byte[] value) {
    if (value == null) {
      return false;
    }
    int from = RawJson.valueStart(value, KEY);
    if (from < 0) {
      return true;
    }
    int to = from;
    while (to < value.length && value[to] != '"' && value[to] != '\\') {
      to++;
    }
    if (to >= value.length || value[to] == '\\') {
      return true;
    }
    return DeployEvents.SOURCES.contains(
        new String(value, from, to - from, StandardCharsets.ISO_8859_1));
  }
}
