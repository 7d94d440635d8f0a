package io.tocsin.ingest.kinesis;

import io.tocsin.config.KinesisSettings;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.common.StreamIdentifier;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.FormerStreamsLeasesDeletionStrategy;
import software.amazon.kinesis.processor.MultiStreamTracker;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.processor.StreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * Builds the KCL {@link Scheduler} from {@link KinesisSettings}. Timings derived from the settings:
 * lease assignment every {@code failover_time / 2}; worker metrics reported as often and captured
 * five times as often (at most every second); parent shards polled every {@code
 * shard_sync_interval}; shard consumers dispatched every {@code poll_interval / 2} (100 ms to 1 s).
 * One stream runs in single-stream mode (lease key = shard id); several streams in multi-stream
 * mode (lease key = {@code account:stream:creationEpoch:shardId}), whose ARNs and creation times
 * are looked up with DescribeStreamSummary.
 */
final class KclScheduler {

  private KclScheduler() {}

  /**
   * A scheduler reading {@code settings.streams()} with processors from {@code processors},
   * reporting its state changes to {@code states}.
   */
  static Scheduler build(
      KinesisSettings settings,
      AwsClients aws,
      ShardRecordProcessorFactory processors,
      WorkerStateChangeListener states) {
    ConfigsBuilder configs =
        new ConfigsBuilder(
                tracker(settings, aws),
                settings.applicationName(),
                aws.kinesis(),
                aws.dynamo(),
                aws.cloudWatch(),
                settings.workerId(),
                processors)
            .tableName(settings.leaseTableName());
    long failover = settings.failoverTime().toMillis();
    long report = Math.max(200, failover / 2);
    LeaseManagementConfig leases =
        configs
            .leaseManagementConfig()
            .failoverTimeMillis(failover)
            .shardSyncIntervalMillis(settings.shardSyncInterval().toMillis())
            .leaseAssignmentIntervalMillis(failover / 2);
    leases
        .workerUtilizationAwareAssignmentConfig()
        .workerMetricsReporterFreqInMillis(report)
        .inMemoryWorkerMetricsCaptureFrequencyMillis(Math.min(1000, report / 5));
    long dispatch = Math.max(100, Math.min(1000, settings.pollInterval().toMillis() / 2));
    RetrievalConfig retrieval = configs.retrievalConfig();
    if (!settings.fanOut()) {
      retrieval.retrievalSpecificConfig(
          new PollingConfig(aws.kinesis())
              .maxRecords(settings.maxRecords())
              .idleTimeBetweenReadsInMillis(settings.pollInterval().toMillis()));
    }
    MetricsConfig metrics = configs.metricsConfig();
    if (!settings.publishMetrics()) {
      metrics.metricsFactory(new NullMetricsFactory());
    }
    return new Scheduler(
        configs.checkpointConfig(),
        configs
            .coordinatorConfig()
            .parentShardPollIntervalMillis(settings.shardSyncInterval().toMillis())
            .shardConsumerDispatchPollIntervalMillis(dispatch)
            .workerStateChangeListener(states),
        leases,
        configs.lifecycleConfig(),
        metrics,
        configs.processorConfig(),
        retrieval);
  }

  private static StreamTracker tracker(KinesisSettings settings, AwsClients aws) {
    InitialPositionInStreamExtended position = initialPosition(settings);
    if (settings.streams().size() == 1) {
      String stream = settings.streams().get(0);
      StreamIdentifier id =
          stream.startsWith("arn:")
              ? StreamIdentifier.singleStreamInstance(Arn.fromString(stream))
              : StreamIdentifier.singleStreamInstance(stream);
      return new SingleStreamTracker(id, position);
    }
    List<StreamConfig> configs = new ArrayList<>();
    for (String stream : settings.streams()) {
      StreamDescriptionSummary summary = describe(aws, stream);
      StreamIdentifier id =
          StreamIdentifier.multiStreamInstance(
              Arn.fromString(summary.streamARN()),
              summary.streamCreationTimestamp().getEpochSecond());
      configs.add(new StreamConfig(id, position));
    }
    List<StreamConfig> streams = List.copyOf(configs);
    return new MultiStreamTracker() {
      @Override
      public List<StreamConfig> streamConfigList() {
        return streams;
      }

      @Override
      public FormerStreamsLeasesDeletionStrategy formerStreamsLeasesDeletionStrategy() {
        // A stream removed from the config keeps its leases: added back, it resumes.
        return new FormerStreamsLeasesDeletionStrategy.NoLeaseDeletionStrategy();
      }
    };
  }

  private static StreamDescriptionSummary describe(AwsClients aws, String stream) {
    DescribeStreamSummaryRequest.Builder request = DescribeStreamSummaryRequest.builder();
    if (stream.startsWith("arn:")) {
      request.streamARN(stream);
    } else {
      request.streamName(stream);
    }
    try {
      return aws.kinesis().describeStreamSummary(request.build()).join().streamDescriptionSummary();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "cannot describe Kinesis stream '" + stream + "': " + cause.getMessage(), cause);
    }
  }

  private static InitialPositionInStreamExtended initialPosition(KinesisSettings settings) {
    return switch (settings.initialPosition()) {
      case "latest" ->
          InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.LATEST);
      case "trim_horizon" ->
          InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
      default ->
          InitialPositionInStreamExtended.newInitialPositionAtTimestamp(
              Date.from(settings.initialTimestamp().orElseThrow()));
    };
  }
}
