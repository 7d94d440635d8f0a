package io.tocsin.detect;

import java.time.Instant;

/**
 * What a heartbeat knows of its source (key: heartbeat name, in a changelogged store).
 *
 * @param lastArrivalMillis wall-clock time the latest event of the source was processed
 * @param silentSince when the current silence began, while firing; otherwise {@code null}
 */
public record HeartbeatState(long lastArrivalMillis, Instant silentSince) {

  /** Whether the heartbeat's alert is firing. */
  boolean firing() {
    return silentSince != null;
  }
}
