package io.tocsin.notify.sns;

import io.tocsin.config.SnsSettings;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.Notification;
import io.tocsin.notify.Notifier;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.ThrottledException;

/**
 * Publishes notifications to an SNS topic with the AWS SDK v2. FIFO topics get MessageGroupId =
 * fingerprint (order per incident) and MessageDeduplicationId = the notification's id (a
 * redelivered change is dropped by SNS). Throttling, 5xx and I/O errors are retryable; a reply
 * without a MessageId is a failed delivery. The SDK's own retries are off: the retry stage owns
 * back-off, its budget and the receipts of every attempt.
 */
public final class SnsNotifier implements Notifier {

  /** The sink name. */
  public static final String SINK = "sns";

  /** The access key id used with {@code static_credentials} (not 12 digits: not an account). */
  static final String LOCAL_ACCESS_KEY = "tocsinlocal";

  private final SnsSettings settings;
  private final SnsClient client;

  /** A notifier publishing to {@code settings.topicArn()} through {@code client}. */
  public SnsNotifier(SnsSettings settings, SnsClient client) {
    this.settings = settings;
    this.client = client;
  }

  /** A notifier with a client built from {@code settings}. */
  public static SnsNotifier create(SnsSettings settings) {
    return new SnsNotifier(settings, client(settings));
  }

  /**
   * A client for {@code settings}: its region, the default credential chain (static fake
   * credentials and the endpoint override only when configured), SDK retries off.
   */
  static SnsClient client(SnsSettings settings) {
    SnsClientBuilder builder =
        SnsClient.builder()
            .region(Region.of(settings.region()))
            .overrideConfiguration(
                c ->
                    c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(settings.timeout())
                        .apiCallTimeout(settings.timeout()));
    if (settings.endpoint() != null) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    if (settings.staticCredentials()) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_ACCESS_KEY)));
    }
    return builder.build();
  }

  @Override
  public String sink() {
    return SINK;
  }

  @Override
  public DeliveryResult send(Notification n) {
    SnsMessage message = SnsMessage.of(n);
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    message
        .attributes()
        .forEach(
            (name, value) ->
                attributes.put(
                    name,
                    MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
    PublishRequest.Builder request =
        PublishRequest.builder()
            .topicArn(settings.topicArn())
            .subject(message.subject())
            .messageStructure("json")
            .message(message.message())
            .messageAttributes(attributes);
    if (settings.fifo()) {
      request.messageGroupId(n.dedupKey()).messageDeduplicationId(n.deduplicationId());
    }
    try {
      PublishResponse response = client.publish(request.build());
      Integer status = response.sdkHttpResponse().statusCode();
      if (response.messageId() == null || response.messageId().isBlank()) {
        return DeliveryResult.retryable(status, "reply carried no MessageId", null);
      }
      return DeliveryResult.delivered(status, response.messageId());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String error =
          code
              + ": "
              + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
      boolean retry =
          e.isThrottlingException() || e instanceof ThrottledException || e.statusCode() >= 500;
      return retry
          ? DeliveryResult.retryable(e.statusCode(), error, null)
          : DeliveryResult.permanent(e.statusCode(), error);
    } catch (SdkClientException e) {
      if (Thread.currentThread().isInterrupted()) {
        return DeliveryResult.retryable(null, "interrupted", null);
      }
      return DeliveryResult.retryable(null, "no response: " + e.getMessage(), null);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "SnsNotifier[" + settings.topicArn() + "]";
  }
}
