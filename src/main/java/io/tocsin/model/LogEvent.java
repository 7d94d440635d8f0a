package io.tocsin.model;

/**
 * One CloudWatch Logs event, as published on {@code tocsin.logs.v1} (key: the log group).
 *
 * @param owner the AWS account id that owns the log group
 * @param logGroup the log group name
 * @param logStream the log stream name
 * @param id the CloudWatch log event id (unique within the log group)
 * @param timestamp event time in epoch milliseconds, as CloudWatch Logs gives it
 * @param message the raw message text
 * @param source where tocsin read it from
 */
public record LogEvent(
    String owner,
    String logGroup,
    String logStream,
    String id,
    long timestamp,
    String message,
    SourcePosition source) {}
