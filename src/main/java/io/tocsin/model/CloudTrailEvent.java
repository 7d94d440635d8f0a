package io.tocsin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

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
    SourcePosition source) {}
