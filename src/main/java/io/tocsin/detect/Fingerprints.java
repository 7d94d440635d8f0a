package io.tocsin.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stable identifiers: the fingerprint of an incident (rule + group key; PagerDuty's {@code
 * dedup_key}) and the id of each state change (SNS FIFO deduplication id). Both are derived from
 * content, so replaying the same input yields the same ids and no sink sees a new incident.
 */
public final class Fingerprints {

  /** Fingerprints remembered before the memo starts over (about 250 bytes each). */
  static final int MEMO_LIMIT = 20_000;

  /**
   * Recent fingerprints by rule id and group key: the detectors ask for the same few thousand once
   * per observed event, and a digest costs more than the rest of an observation.
   */
  private static final Map<String, String> MEMO = new ConcurrentHashMap<>();

  private Fingerprints() {}

  /** 32 hex characters of SHA-256 over the rule id and group key. */
  public static String of(String ruleId, String groupKey) {
    String input = ruleId + "\n" + groupKey;
    String known = MEMO.get(input);
    if (known != null) {
      return known;
    }
    if (MEMO.size() >= MEMO_LIMIT) {
      MEMO.clear();
    }
    String fingerprint = sha256(input);
    MEMO.put(input, fingerprint);
    return fingerprint;
  }

  private static String sha256(String input) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /** A name-based UUID for the state change {@code status} of the incident started at {@code t}. */
  public static String stateChangeId(String fingerprint, Instant startsAt, String status) {
    return UUID.nameUUIDFromBytes(
            (fingerprint + "|" + startsAt + "|" + status).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
