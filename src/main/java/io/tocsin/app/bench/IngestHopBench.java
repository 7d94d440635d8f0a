package io.tocsin.app.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.app.bench.Rounds.Contender;
import io.tocsin.app.bench.Rounds.Rate;
import io.tocsin.config.KafkaSettings;
import io.tocsin.ingest.decode.DecodeResult;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.ingest.kinesis.ShardProcessors;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.SourcePosition;
import io.tocsin.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * The ingest hop without the Kinesis emulator: the corpus as Kinesis carries it (gzip'd CloudWatch
 * Logs subscription records, EventBridge CloudTrail records) handed in GetRecords-sized batches to
 * the KCL record processor {@code tocsin run} uses, which decodes each batch, publishes it with the
 * production Kafka producer settings to the in-process broker and checkpoints only once every
 * record is acknowledged. Timed in alternating rounds against {@link RecordDecoder} alone on the
 * same records: the decode ceiling of the hop.
 */
final class IngestHopBench {

  /**
   * Most bytes per batch: what one GetRecords call returns from a shard written at its 1 MB/s limit
   * and polled every second (tocsin's default {@code poll_interval}).
   */
  static final int BATCH_BYTES = 1024 * 1024;

  private static final String SHARD = "shardId-000000000000";

  /**
   * The figures of one source.
   *
   * @param decode {@link RecordDecoder} alone on the records
   * @param ingest the record processor, from batch to acknowledged and checkpointed
   * @param batches batches per pass over the corpus
   */
  record Result(Rate decode, Rate ingest, int batches) {
    /** The hop's rate as a fraction of decoding alone. */
    double ratio() {
      return ingest.eventsPerSecond() / decode.eventsPerSecond();
    }
  }

  /**
   * Both sources.
   *
   * @param logs CloudWatch Logs subscription records
   * @param cloudTrail EventBridge CloudTrail records
   */
  record Results(Result logs, Result cloudTrail) {}

  private final ShardProcessors processors;

  private IngestHopBench(ShardProcessors processors) {
    this.processors = processors;
  }

  /** Measures both sources of {@code corpus}, keeping the broker's data under {@code dir}. */
  static Results run(Corpus corpus, Rounds rounds, Path dir) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      KafkaClients clients =
          new KafkaClients(
              KafkaSettings.defaults()
                  .withCluster(broker.bootstrapServers(), dir.resolve("state").toString()));
      new TopicProvisioner(clients).ensure(Topics.ALL);
      try (Producer<byte[], byte[]> producer =
          new KafkaProducer<>(
              clients.producer("tocsin-bench-ingest"),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        IngestHopBench bench =
            new IngestHopBench(new ShardProcessors(producer, new SimpleMeterRegistry()));
        return new Results(
            bench.measure("bench-logs", corpus.logRecords(), rounds),
            bench.measure("bench-cloudtrail", corpus.cloudTrailRecords(), rounds));
      }
    }
  }

  private Result measure(String stream, List<byte[]> data, Rounds rounds) {
    List<List<KinesisClientRecord>> batches = batches(data);
    long events = decode(stream, data);
    List<Rate> rates =
        rounds.run(
            List.of(
                new Contender(stream + " decode", () -> decode(stream, data)),
                new Contender(stream + " ingest hop", () -> ingest(stream, batches, events))));
    return new Result(rates.get(0), rates.get(1), batches.size());
  }

  /** One pass of the record processor; returns {@code events} once every batch is checkpointed. */
  private long ingest(String stream, List<List<KinesisClientRecord>> batches, long events) {
    // A fresh processor (and decoder) per pass: the CloudTrail eventID window would drop a repeat.
    ShardRecordProcessor processor = processors.processor(stream, RecordDecoder.withDefaults());
    processor.initialize(
        InitializationInput.builder()
            .shardId(SHARD)
            .extendedSequenceNumber(ExtendedSequenceNumber.TRIM_HORIZON)
            .build());
    BenchCheckpointer checkpointer = new BenchCheckpointer();
    for (List<KinesisClientRecord> batch : batches) {
      processor.processRecords(
          ProcessRecordsInput.builder()
              .records(batch)
              .millisBehindLatest(0L)
              .checkpointer(checkpointer.proxy())
              .build());
      String last = batch.get(batch.size() - 1).sequenceNumber();
      if (!last.equals(checkpointer.lastSequenceNumber())) {
        throw new IllegalStateException(
            "the record processor did not checkpoint a batch of "
                + stream
                + " up to its last record "
                + last
                + " (checkpointed: "
                + checkpointer.lastSequenceNumber()
                + "); its log says why");
      }
    }
    return events;
  }

  private static long decode(String stream, List<byte[]> data) {
    RecordDecoder decoder = RecordDecoder.withDefaults();
    long events = 0;
    for (int i = 0; i < data.size(); i++) {
      DecodeResult result =
          decoder.decode(data.get(i), SourcePosition.kinesis(stream, SHARD, sequenceNumber(i)));
      events += result.logs().size() + result.cloudTrail().size();
    }
    return events;
  }

  /** {@code data} as Kinesis records, in batches of at most {@link #BATCH_BYTES}. */
  private static List<List<KinesisClientRecord>> batches(List<byte[]> data) {
    List<List<KinesisClientRecord>> batches = new ArrayList<>();
    List<KinesisClientRecord> batch = new ArrayList<>();
    long bytes = 0;
    Instant arrival = Instant.now();
    for (int i = 0; i < data.size(); i++) {
      if (!batch.isEmpty() && bytes + data.get(i).length > BATCH_BYTES) {
        batches.add(batch);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(
          KinesisClientRecord.builder()
              .data(ByteBuffer.wrap(data.get(i)).asReadOnlyBuffer())
              .sequenceNumber(sequenceNumber(i))
              .subSequenceNumber(0)
              .partitionKey("bench-" + i % 16)
              .approximateArrivalTimestamp(arrival)
              .build());
      bytes += data.get(i).length;
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  /** A Kinesis-shaped sequence number (a 56-digit decimal) for the {@code i}th record. */
  private static String sequenceNumber(int i) {
    return "49" + String.format("%054d", i + 1);
  }
}
