package io.tocsin.ingest.decode;

import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.LogEvent;
import java.util.List;

/**
 * What one input record decoded into. A record may yield several outputs (a CloudWatch Logs
 * envelope carries many log events, a CloudTrail file many events) and even a mix: a bad element is
 * dead-lettered while its siblings go through.
 *
 * @param logs CloudWatch Logs events, in envelope order
 * @param cloudTrail CloudTrail (and kept EventBridge) events, in input order, duplicates removed
 * @param deadLetters what could not be decoded, with the reason
 * @param controlMessages CloudWatch Logs CONTROL_MESSAGE envelopes skipped (0 or 1)
 * @param duplicates CloudTrail events dropped because their eventID was seen within the window
 */
public record DecodeResult(
    List<LogEvent> logs,
    List<CloudTrailEvent> cloudTrail,
    List<DeadLetter> deadLetters,
    int controlMessages,
    int duplicates) {

  /** Copies the lists so a result never changes after it is returned. */
  public DecodeResult {
    logs = List.copyOf(logs);
    cloudTrail = List.copyOf(cloudTrail);
    deadLetters = List.copyOf(deadLetters);
  }

  /** How many records this result will publish. */
  public int outputCount() {
    return logs.size() + cloudTrail.size() + deadLetters.size();
  }
}
