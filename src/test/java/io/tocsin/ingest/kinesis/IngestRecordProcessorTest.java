package io.tocsin.ingest.kinesis;

import static io.tocsin.ingest.Fixtures.dataMessage;
import static io.tocsin.ingest.Fixtures.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/** The KCL contract of the record processor, against a Kafka producer the test acknowledges. */
class IngestRecordProcessorTest {

  private final MdcRecordingProducer producer = new MdcRecordingProducer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final RecordingCheckpointer checkpointer = new RecordingCheckpointer();
  private final IngestMetrics metrics = new IngestMetrics(registry);
  private final ShardProgress progress =
      new ShardProgress(Clock.systemUTC(), Duration.ofMillis(300));
  private final IngestRecordProcessor processor = processor(1024 * 1024);

  @AfterEach
  void release() {
    stopping.set(true);
  }

  @Test
  void shouldCheckpointOnlyAfterKafkaAcknowledgedTheWholeBatch() {
    initialize();
    CompletableFuture<Void> batch = processAsync(record("100", "a", "b"), record("101", "c"));

    await().until(() -> producer.history().size() == 3);
    producer.completeNext();
    producer.completeNext();
    sleep(300);
    assertThat(checkpointer.checkpoints).isEmpty();
    assertThat(batch).isNotDone();

    producer.completeNext();
    batch.join();
    assertThat(checkpointer.checkpoints).containsExactly("101/0");
  }

  @Test
  void shouldKeyEachTopicAsTheContractSays() {
    initialize();
    producer.autoAcknowledge();

    processor.processRecords(
        input(
            record("1", "x"),
            kinesisRecord(
                "2",
                "{\"eventName\":\"A\",\"eventSource\":\"s\",\"recipientAccountId\":\"111122223333\"}"),
            kinesisRecord("3", "garbage")));

    assertThat(producer.history())
        .extracting(r -> r.topic() + "=" + new String(r.key(), StandardCharsets.UTF_8))
        .containsExactly(
            Topics.LOGS.name() + "=/aws/lambda/f",
            Topics.CLOUDTRAIL.name() + "=111122223333",
            Topics.DEADLETTER.name() + "=bad_json");
    assertThat(
            registry
                .counter("tocsin.ingest.records", "source", "logs", "shard", "shardId-000000000001")
                .count())
        .isEqualTo(3);
    assertThat(registry.counter("tocsin.ingest.decode.failures", "reason", "bad_json").count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("tocsin.ingest.millis.behind.latest")
                .tag("shard", "shardId-000000000001")
                .gauge()
                .value())
        .isEqualTo(42);
  }

  @Test
  void shouldSendAgainWhatKafkaFailedAndCheckpointOnceAllIsAcknowledged() {
    initialize();
    CompletableFuture<Void> batch = processAsync(record("7", "a", "b"));

    await().until(() -> producer.history().size() == 2);
    producer.completeNext();
    producer.errorNext(new TimeoutException("broker down"));
    await().until(() -> producer.history().size() == 3);
    assertThat(checkpointer.checkpoints).isEmpty();
    producer.completeNext();

    batch.join();
    assertThat(checkpointer.checkpoints).containsExactly("7/0");
    assertThat(registry.counter("tocsin.ingest.publish.retries").count()).isEqualTo(1);
  }

  @Test
  void shouldShowAShardStalledWhileKafkaTakesNothingAndClearItOnceItDoes() {
    initialize();
    CompletableFuture<Void> batch = processAsync(record("7", "a"));
    await().until(() -> producer.history().size() == 1);
    assertThat(stalledGauge()).as("waiting, but not for long yet").isZero();

    producer.errorNext(new TimeoutException("broker down"));
    await().until(() -> stalledGauge() == 1);
    assertThat(progress.stalls())
        .singleElement()
        .satisfies(
            stall -> {
              assertThat(stall.shard()).isEqualTo("logs/shardId-000000000001");
              assertThat(stall.lastFailure()).contains("broker down");
            });
    assertThat(checkpointer.checkpoints).isEmpty();

    await().until(() -> producer.history().size() == 2);
    producer.completeNext();
    batch.join();
    assertThat(stalledGauge()).isZero();
    assertThat(progress.stalls()).isEmpty();
    assertThat(checkpointer.checkpoints).containsExactly("7/0");
  }

  @Test
  void shouldRetryABatchThatFailedUnexpectedlyInsteadOfGivingUpOnTheShard() {
    initialize();
    producer.failNextSendWith(new IllegalArgumentException("a bug"));
    producer.autoAcknowledge();

    processor.processRecords(input(record("3", "a")));

    assertThat(checkpointer.checkpoints).containsExactly("3/0");
    assertThat(producer.history()).as("sent once more after the failure").hasSize(1);
    processor.processRecords(input(record("4", "b")));
    assertThat(checkpointer.checkpoints).as("the shard goes on").containsExactly("3/0", "4/0");
  }

  private double stalledGauge() {
    return registry
        .get("tocsin.ingest.shard.stalled")
        .tags("source", "logs", "shard", "shardId-000000000001")
        .gauge()
        .value();
  }

  @Test
  void shouldReplaceARecordTooLargeForKafkaWithADeadLetter() {
    initialize();
    CompletableFuture<Void> batch = processAsync(record("9", "big"));

    await().until(() -> producer.history().size() == 1);
    producer.errorNext(new RecordTooLargeException("too big"));
    await().until(() -> producer.history().size() == 2);
    producer.completeNext();

    batch.join();
    assertThat(producer.history().get(1).topic()).isEqualTo(Topics.DEADLETTER.name());
    assertThat(new String(producer.history().get(1).key(), StandardCharsets.UTF_8))
        .isEqualTo("too_large_for_kafka");
    assertThat(checkpointer.checkpoints).containsExactly("9/0");
  }

  @Test
  void shouldGiveUpAnUnacknowledgedBatchWhenStoppingAndNeverCheckpointPastIt() {
    initialize();
    CompletableFuture<Void> batch = processAsync(record("5", "a"));
    await().until(() -> producer.history().size() == 1);

    stopping.set(true);
    batch.join();
    producer.autoAcknowledge();
    processor.processRecords(input(record("6", "b")));
    processor.shutdownRequested(
        ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
    processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

    assertThat(checkpointer.checkpoints).isEmpty();
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void shouldCheckpointAtShardEndAndNotOnLeaseLoss() {
    initialize();
    producer.autoAcknowledge();
    processor.processRecords(input(record("1", "a")));

    processor.leaseLost(LeaseLostInput.builder().build());
    assertThat(checkpointer.checkpoints).containsExactly("1/0");
    processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());
    assertThat(checkpointer.checkpoints).containsExactly("1/0", "LAST");
  }

  @Test
  void shouldCheckpointWhenShutdownIsRequestedEvenWithoutNewRecords() {
    initialize();

    processor.shutdownRequested(
        ShutdownRequestedInput.builder().checkpointer(checkpointer).build());

    assertThat(checkpointer.checkpoints).containsExactly("LAST");
  }

  @Test
  void shouldReportAndCheckpointTheSubSequenceOfADeaggregatedKplRecord() {
    initialize();
    producer.autoAcknowledge();
    KinesisClientRecord userRecord =
        record("55", "a").toBuilder().aggregated(true).subSequenceNumber(3).build();

    processor.processRecords(input(userRecord));

    String value = new String(producer.history().get(0).value(), StandardCharsets.UTF_8);
    assertThat(value).contains("\"offset\":\"55:3\"", "\"partition\":\"shardId-000000000001\"");
    assertThat(checkpointer.checkpoints).containsExactly("55/3");
  }

  @Test
  void shouldPutTheShardIdInTheLoggingContextWhileProcessing() {
    initialize();
    producer.autoAcknowledge();

    processor.processRecords(input(record("1", "a")));

    assertThat(producer.mdcAtSend).containsOnly("shardId-000000000001");
    assertThat(MDC.get(IngestRecordProcessor.MDC_SHARD)).isNull();
  }

  @Test
  void shouldPublishAndCheckpointALargeBatchInChunks() {
    IngestRecordProcessor chunked = processor(1);
    initialize(chunked);
    CompletableFuture<Void> batch =
        CompletableFuture.runAsync(
            () ->
                chunked.processRecords(
                    input(record("1", "a"), record("2", "b"), record("3", "c"))));

    await().until(() -> producer.history().size() == 1);
    producer.completeNext();
    await().until(() -> producer.history().size() == 2);
    assertThat(checkpointer.checkpoints).containsExactly("1/0");

    stopping.set(true);
    batch.join();
    assertThat(checkpointer.checkpoints).containsExactly("1/0");
    assertThat(producer.history()).hasSize(2);
  }

  private IngestRecordProcessor processor(long maxChunkBytes) {
    return new IngestRecordProcessor(
        "logs",
        RecordDecoder.withDefaults(),
        new BatchPublisher(producer, metrics, Clock.systemUTC()),
        metrics,
        stopping::get,
        progress,
        maxChunkBytes);
  }

  private void initialize() {
    initialize(processor);
  }

  private void initialize(IngestRecordProcessor processor) {
    processor.initialize(
        InitializationInput.builder()
            .shardId("shardId-000000000001")
            .extendedSequenceNumber(ExtendedSequenceNumber.TRIM_HORIZON)
            .build());
  }

  private CompletableFuture<Void> processAsync(KinesisClientRecord... records) {
    return CompletableFuture.runAsync(() -> processor.processRecords(input(records)));
  }

  private ProcessRecordsInput input(KinesisClientRecord... records) {
    return ProcessRecordsInput.builder()
        .records(List.of(records))
        .checkpointer(checkpointer)
        .millisBehindLatest(42L)
        .build();
  }

  private static KinesisClientRecord record(String sequenceNumber, String... messages) {
    return KinesisClientRecord.builder()
        .sequenceNumber(sequenceNumber)
        .partitionKey("p")
        .data(ByteBuffer.wrap(gzip(dataMessage("/aws/lambda/f", List.of(messages)))))
        .build();
  }

  private static KinesisClientRecord kinesisRecord(String sequenceNumber, String data) {
    return KinesisClientRecord.builder()
        .sequenceNumber(sequenceNumber)
        .partitionKey("p")
        .data(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A MockProducer that notes the shard id in the MDC at each send, and can ack by itself. */
  private static final class MdcRecordingProducer extends MockProducer<byte[], byte[]> {
    final List<String> mdcAtSend = new CopyOnWriteArrayList<>();
    private volatile boolean autoAck;
    private volatile RuntimeException failNext;

    MdcRecordingProducer() {
      super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void autoAcknowledge() {
      autoAck = true;
    }

    /** The next send throws {@code failure}, as a bug in the client would. */
    void failNextSendWith(RuntimeException failure) {
      failNext = failure;
    }

    @Override
    public synchronized Future<RecordMetadata> send(
        ProducerRecord<byte[], byte[]> record, Callback callback) {
      mdcAtSend.add(MDC.get(IngestRecordProcessor.MDC_SHARD));
      RuntimeException failure = failNext;
      if (failure != null) {
        failNext = null;
        throw failure;
      }
      Future<RecordMetadata> future = super.send(record, callback);
      if (autoAck) {
        completeNext();
      }
      return future;
    }
  }
}
