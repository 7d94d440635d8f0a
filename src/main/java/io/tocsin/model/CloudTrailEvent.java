package io.tocsin.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One CloudTrail event (or EventBridge AWS event kept for the deploy rules), as published on {@code
 * tocsin.cloudtrail.v1} (key: the account id). The event JSON is kept whole in {@code event}; the
 * other fields are the ones every consumer needs without digging.
 *
 * @param eventId CloudTrail's {@code eventID} (EventBridge's {@code id} for non-CloudTrail events)
 * @param eventTime when AWS says the event happened
 * @param eventSource e.g. {@code iam.amazonaws.com}
 * @param eventName e.g. {@code AttachUserPolicy}
 * @param account the account the event belongs to ({@code recipientAccountId} or the actor's)
 * @param region the AWS region
 * @param envelope how it arrived: {@code cloudtrail}, {@code cwl} or {@code eventbridge}
 * @param event the CloudTrail event JSON, unchanged
 * @param source where tocsin read it from
 * @param rawEvent {@code event}'s JSON text as it was read from the topic, or {@code null} when
 *     this record was built from the tree; not part of the record's value (equality ignores it)
 */
public record CloudTrailEvent(
    String eventId,
    Instant eventTime,
    String eventSource,
    String eventName,
    String account,
    String region,
    String envelope,
    JsonNode event,
    SourcePosition source,
    @JsonIgnore String rawEvent) {

  /** An event built from its JSON tree. */
  public CloudTrailEvent(
      String eventId,
      Instant eventTime,
      String eventSource,
      String eventName,
      String account,
      String region,
      String envelope,
      JsonNode event,
      SourcePosition source) {
    this(
        eventId, eventTime, eventSource, eventName, account, region, envelope, event, source, null);
  }

  /**
   * The event's JSON text, as term patterns search it and alert samples keep it: the text read from
   * the topic when there was one, else the tree written out.
   */
  public String eventText() {
    return rawEvent != null ? rawEvent : String.valueOf(event);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CloudTrailEvent e
        && Objects.equals(eventId, e.eventId)
        && Objects.equals(eventTime, e.eventTime)
        && Objects.equals(eventSource, e.eventSource)
        && Objects.equals(eventName, e.eventName)
        && Objects.equals(account, e.account)
        && Objects.equals(region, e.region)
        && Objects.equals(envelope, e.envelope)
        && Objects.equals(event, e.event)
        && Objects.equals(source, e.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        eventId, eventTime, eventSource, eventName, account, region, envelope, event, source);
  }
}
