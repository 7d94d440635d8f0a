package io.tocsin.ingest.decode;

import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what one record decodes into. CloudTrail events meet the de-duplication window only in
 * {@link #build()}, so a record that fails half-way leaves no IDs behind in it.
 */
final class ResultBuilder {

  private final SourcePosition source;
  private final Instant now;
  private final List<LogEvent> logs = new ArrayList<>();
  private final List<CloudTrailEvent> cloudTrail = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private int controlMessages;

  ResultBuilder(SourcePosition source, Instant now) {
    this.source = source;
    this.now = now;
  }

  /** When the record is being decoded. */
  Instant now() {
    return now;
  }

  void log(LogEvent event) {
    logs.add(event);
  }

  /** Adds {@code event}; one without an eventTime gets the decode time, as log events do. */
  void cloudTrail(CloudTrailEvent event) {
    cloudTrail.add(
        event.eventTime() != null
            ? event
            : new CloudTrailEvent(
                event.eventId(),
                now,
                event.eventSource(),
                event.eventName(),
                event.account(),
                event.region(),
                event.envelope(),
                event.event(),
                event.source()));
  }

  void controlMessage() {
    controlMessages++;
  }

  void deadLetter(ReasonCode reason, String detail, byte[] raw) {
    deadLetters.add(DeadLetter.of(reason.code(), detail, source, now, raw));
  }

  /** Drops everything collected: the record as a whole is about to be dead-lettered. */
  void clear() {
    logs.clear();
    cloudTrail.clear();
    deadLetters.clear();
    controlMessages = 0;
  }

  /** The result, with CloudTrail events already seen in {@code window} removed. */
  DecodeResult build(EventIdWindow window) {
    List<CloudTrailEvent> unique = new ArrayList<>(cloudTrail.size());
    for (CloudTrailEvent event : cloudTrail) {
      if (window.firstSighting(event.eventId())) {
        unique.add(event);
      }
    }
    return new DecodeResult(
        logs, unique, deadLetters, controlMessages, cloudTrail.size() - unique.size());
  }
}
