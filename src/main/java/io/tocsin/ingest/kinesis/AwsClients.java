package io.tocsin.ingest.kinesis;

import io.tocsin.config.KinesisSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;
import software.amazon.kinesis.common.KinesisClientUtil;

/**
 * The AWS SDK clients the KCL needs. Against AWS (endpoint overrides allowed, e.g. VPC endpoints)
 * they use the default credential chain. In local mode (both endpoints on loopback) they use fake
 * static credentials, region us-east-1 unless set, and trust any certificate on https: the
 * emulators' certificates are self-signed, and this never applies off loopback.
 */
final class AwsClients implements AutoCloseable {

  /** Credentials the emulators accept; not 12 digits, which they would read as an account id. */
  private static final AwsCredentialsProvider LOCAL_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("tocsinlocal", "tocsinlocal"));

  private final KinesisAsyncClient kinesis;
  private final DynamoDbAsyncClient dynamo;
  private final CloudWatchAsyncClient cloudWatch;
  private final List<SdkAsyncHttpClient> ownHttpClients;

  private AwsClients(
      KinesisAsyncClient kinesis,
      DynamoDbAsyncClient dynamo,
      CloudWatchAsyncClient cloudWatch,
      List<SdkAsyncHttpClient> ownHttpClients) {
    this.kinesis = kinesis;
    this.dynamo = dynamo;
    this.cloudWatch = cloudWatch;
    this.ownHttpClients = ownHttpClients;
  }

  /** Clients for {@code settings}. */
  static AwsClients create(KinesisSettings settings) {
    boolean local = settings.localMode();
    List<SdkAsyncHttpClient> own = new ArrayList<>();
    KinesisAsyncClientBuilder kinesis =
        configure(KinesisAsyncClient.builder(), settings, settings.kinesisEndpoint());
    if (local && settings.kinesisEndpoint().startsWith("https:")) {
      // HTTP/2 over TLS needs ALPN; KCL's own builder would not trust a self-signed certificate.
      own.add(
          NettyNioAsyncHttpClient.builder()
              .protocol(Protocol.HTTP2)
              .protocolNegotiation(ProtocolNegotiation.ALPN)
              .maxConcurrency(Integer.MAX_VALUE)
              .buildWithDefaults(trustAll()));
      kinesis.httpClient(own.get(own.size() - 1));
    } else {
      KinesisClientUtil.adjustKinesisClientBuilder(kinesis);
    }
    var dynamo = configure(DynamoDbAsyncClient.builder(), settings, settings.dynamodbEndpoint());
    if (local && settings.dynamodbEndpoint().startsWith("https:")) {
      own.add(NettyNioAsyncHttpClient.builder().buildWithDefaults(trustAll()));
      dynamo.httpClient(own.get(own.size() - 1));
    }
    var cloudWatch = configure(CloudWatchAsyncClient.builder(), settings, "");
    return new AwsClients(kinesis.build(), dynamo.build(), cloudWatch.build(), List.copyOf(own));
  }

  KinesisAsyncClient kinesis() {
    return kinesis;
  }

  DynamoDbAsyncClient dynamo() {
    return dynamo;
  }

  CloudWatchAsyncClient cloudWatch() {
    return cloudWatch;
  }

  @Override
  public void close() {
    kinesis.close();
    dynamo.close();
    cloudWatch.close();
    ownHttpClients.forEach(SdkAsyncHttpClient::close);
  }

  private static <B extends AwsAsyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> B configure(
      B builder, KinesisSettings settings, String endpoint) {
    if (settings.localMode()) {
      builder.credentialsProvider(LOCAL_CREDENTIALS);
      builder.region(Region.of(settings.region().isEmpty() ? "us-east-1" : settings.region()));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
      if (!settings.region().isEmpty()) {
        builder.region(Region.of(settings.region()));
      }
    }
    if (!endpoint.isEmpty()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder;
  }

  private static AttributeMap trustAll() {
    return AttributeMap.builder()
        .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE)
        .build();
  }
}
