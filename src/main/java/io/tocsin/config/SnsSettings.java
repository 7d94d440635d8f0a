package io.tocsin.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon SNS receiver ({@code sns:} under a receiver). Credentials come from the AWS default
 * chain (environment, profile, IRSA, instance role) unless {@code static_credentials} is set for a
 * local stand-in.
 *
 * @param topicArn the topic to publish to; a name ending in {@code .fifo} makes it a FIFO topic
 *     (message group = fingerprint, deduplication id = alert id); required
 * @param region the topic's region; default the region in {@code topic_arn}
 * @param endpoint an endpoint override such as {@code http://127.0.0.1:4566} for a local stand-in;
 *     default none (the regional AWS endpoint)
 * @param staticCredentials use fixed fake credentials instead of the default chain; only with
 *     {@code endpoint}; default false
 * @param timeout how long one Publish call may take; default 10s
 */
public record SnsSettings(
    String topicArn, String region, String endpoint, boolean staticCredentials, Duration timeout) {

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:([a-z0-9-]+):\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

  /** Fills absent fields with their defaults and validates each. */
  public SnsSettings {
    Matcher arn = ARN.matcher(topicArn == null ? "" : topicArn);
    if (!arn.matches()) {
      throw new ConfigException(
          "topic_arn",
          "expected arn:aws:sns:<region>:<12-digit account>:<topic name>, got '" + topicArn + "'");
    }
    region = region == null || region.isBlank() ? arn.group(1) : region.trim();
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw new ConfigException(
          "region", "expected an AWS region such as eu-west-1, got " + region);
    }
    if (endpoint != null && !endpoint.matches("https?://[^\\s/]+/?")) {
      throw new ConfigException(
          "endpoint", "expected http(s)://host:port with no path, got '" + endpoint + "'");
    }
    if (staticCredentials && endpoint == null) {
      throw new ConfigException(
          "static_credentials", "is only for local stand-ins: set endpoint too, or remove it");
    }
    if (timeout.toMillis() < 100 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new ConfigException(
          "timeout", "expected a duration from 100ms to 1m, got " + Durations.format(timeout));
    }
  }

  /** Whether the topic is a FIFO topic (its name ends in {@code .fifo}). */
  public boolean fifo() {
    return topicArn.endsWith(".fifo");
  }
}
