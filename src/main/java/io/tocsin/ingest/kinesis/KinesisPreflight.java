package io.tocsin.ingest.kinesis;

import io.tocsin.config.ConfigException;
import io.tocsin.config.KinesisSettings;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Start-up checks of the Kinesis source, before the KCL starts (which would otherwise retry a
 * missing stream or refused credentials for a minute and then give up): every stream exists and is
 * readable with the credentials at hand, and the lease table is readable or absent (the KCL creates
 * an absent one, which needs {@code dynamodb:CreateTable}).
 */
public final class KinesisPreflight {

  /** Error codes with which AWS says the credentials themselves are invalid or expired. */
  private static final Set<String> REFUSED_CREDENTIALS =
      Set.of(
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "IncompleteSignature",
          "MissingAuthenticationToken",
          "ExpiredTokenException",
          "InvalidClientTokenId");

  private KinesisPreflight() {}

  /**
   * Checks {@code settings}' streams and lease table, telling {@code say} what it found.
   *
   * @throws ConfigException naming {@code kinesis.streams}, {@code kinesis.lease_table} or {@code
   *     kinesis} (credentials, endpoint) with what is wrong
   */
  public static void check(KinesisSettings settings, Consumer<String> say) {
    try (AwsClients aws = AwsClients.create(settings)) {
      for (String stream : settings.streams()) {
        DescribeStreamSummaryRequest.Builder request = DescribeStreamSummaryRequest.builder();
        if (stream.startsWith("arn:")) {
          request.streamARN(stream);
        } else {
          request.streamName(stream);
        }
        try {
          aws.kinesis().describeStreamSummary(request.build()).join();
        } catch (CompletionException e) {
          throw problem("kinesis.streams", "Kinesis stream '" + stream + "'", settings, e);
        }
      }
      String table = settings.leaseTableName();
      try {
        aws.dynamo().describeTable(DescribeTableRequest.builder().tableName(table).build()).join();
        say.accept(
            "Kinesis streams " + settings.streams() + " and lease table " + table + " found");
      } catch (CompletionException e) {
        if (e.getCause()
            instanceof software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException) {
          say.accept(
              "lease table "
                  + table
                  + " does not exist yet: the KCL creates it (needs dynamodb:CreateTable)");
          return;
        }
        throw problem("kinesis.lease_table", "DynamoDB lease table '" + table + "'", settings, e);
      }
    }
  }

  private static ConfigException problem(
      String key, String what, KinesisSettings settings, CompletionException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String where =
        settings.region().isEmpty() ? "the default AWS region" : "region " + settings.region();
    if (cause instanceof ResourceNotFoundException) {
      return new ConfigException(key, what + " does not exist in " + where);
    }
    if (cause instanceof SdkClientException) {
      return new ConfigException(
          "kinesis", "cannot reach AWS for " + what + " in " + where + ": " + cause.getMessage());
    }
    if (cause instanceof AwsServiceException refused
        && REFUSED_CREDENTIALS.contains(refused.awsErrorDetails().errorCode())) {
      return new ConfigException(
          "kinesis",
          "AWS refused tocsin's credentials for "
              + what
              + " in "
              + where
              + " ("
              + refused.awsErrorDetails().errorCode()
              + ": "
              + refused.awsErrorDetails().errorMessage()
              + "); check the default credential chain (AWS_* environment, profile, the pod's"
              + " role)");
    }
    String reason =
        cause instanceof AwsServiceException denied
            ? denied.awsErrorDetails().errorCode() + ": " + denied.awsErrorDetails().errorMessage()
            : cause.toString();
    return new ConfigException(
        key, what + " in " + where + " cannot be read with tocsin's credentials (" + reason + ")");
  }
}
