package io.tocsin.ingest.kinesis;

import io.tocsin.ingest.decode.DecodeResult;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.model.SourcePosition;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.kinesis.exceptions.KinesisClientLibException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * Reads one shard for the KCL: decodes each batch with {@link RecordDecoder}, publishes it with
 * {@link BatchPublisher}, and checkpoints only what Kafka acknowledged. A batch is published in
 * chunks of about {@code maxChunkBytes} of serialized output (a 10 MB GetRecords of CloudWatch Logs
 * can inflate tenfold), each acknowledged and checkpointed before the next is decoded: that bounds
 * the memory a shard holds and what a crash makes it read again. At shard end it checkpoints (KCL
 * then starts the child shards); on shutdown requested (a stop, or a graceful lease handoff to
 * another worker) it checkpoints the last record delivered, all of which Kafka acknowledged; on
 * lease loss it does nothing, since another worker owns the shard. A batch given up because the
 * worker is stopping ends this processor's checkpointing for good, so the batch is read again by
 * the next owner.
 */
final class IngestRecordProcessor implements ShardRecordProcessor {

  /** The SLF4J MDC key holding the shard id while a shard's batch is handled. */
  static final String MDC_SHARD = "shardId";

  /** Default serialized output published and acknowledged at a time per shard: 4 MiB. */
  static final long DEFAULT_MAX_CHUNK_BYTES = 4L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(IngestRecordProcessor.class);

  private final String stream;
  private final RecordDecoder decoder;
  private final BatchPublisher publisher;
  private final IngestMetrics metrics;
  private final BooleanSupplier stopping;
  private final long maxChunkBytes;
  private String shardId = "";
  private ExtendedSequenceNumber checkpointed;
  private boolean gaveUp;

  IngestRecordProcessor(
      String stream,
      RecordDecoder decoder,
      BatchPublisher publisher,
      IngestMetrics metrics,
      BooleanSupplier stopping,
      long maxChunkBytes) {
    this.stream = stream;
    this.decoder = decoder;
    this.publisher = publisher;
    this.metrics = metrics;
    this.stopping = stopping;
    this.maxChunkBytes = maxChunkBytes;
  }

  @Override
  public void initialize(InitializationInput input) {
    shardId = input.shardId();
    checkpointed = input.extendedSequenceNumber();
    withShard(() -> LOG.info("reading {}/{} from {}", stream, shardId, checkpointed));
  }

  @Override
  public void processRecords(ProcessRecordsInput input) {
    withShard(
        () -> {
          try {
            process(input);
          } catch (RuntimeException bug) {
            // The KCL would skip the batch and a later checkpoint would cover it: lost records.
            gaveUp = true;
            LOG.error(
                "failed on a batch of {}/{}; no further checkpoints until restart",
                stream,
                shardId,
                bug);
          }
        });
  }

  private void process(ProcessRecordsInput input) {
    metrics.millisBehindLatest(stream, shardId, input.millisBehindLatest());
    List<KinesisClientRecord> records = input.records();
    if (records.isEmpty() || gaveUp) {
      return;
    }
    metrics.recordsRead(stream, shardId, records.size());
    OutgoingBatch chunk = new OutgoingBatch();
    int chunkStart = 0;
    for (int i = 0; i < records.size(); i++) {
      KinesisClientRecord record = records.get(i);
      DecodeResult result = decoder.decode(bytes(record.data()), position(record));
      metrics.decoded(result);
      chunk.add(result);
      if (chunk.bytes() >= maxChunkBytes || i == records.size() - 1) {
        if (!publisher.publish(chunk, stopping)) {
          gaveUp = true;
          decoder.forget(chunk.cloudTrailIds());
          LOG.warn(
              "stopping before Kafka acknowledged records {} to {} of a batch of {}; they will be"
                  + " read again",
              chunkStart + 1,
              i + 1,
              records.size());
          return;
        }
        checkpoint(
            input.checkpointer(),
            new ExtendedSequenceNumber(record.sequenceNumber(), record.subSequenceNumber()));
        chunk = new OutgoingBatch();
        chunkStart = i + 1;
      }
    }
  }

  @Override
  public void leaseLost(LeaseLostInput input) {
    withShard(() -> LOG.info("lease on {}/{} ended; no checkpoint", stream, shardId));
    metrics.shardReleased(stream, shardId);
  }

  @Override
  public void shardEnded(ShardEndedInput input) {
    withShard(
        () -> {
          if (gaveUp) {
            LOG.warn(
                "not checkpointing the end of {}/{}: a batch was not published", stream, shardId);
            return;
          }
          try {
            input.checkpointer().checkpoint();
            LOG.info("shard {}/{} ended and is checkpointed; its children follow", stream, shardId);
          } catch (KinesisClientLibException e) {
            LOG.error("cannot checkpoint the end of {}/{}: {}", stream, shardId, e.toString());
          }
        });
    metrics.shardReleased(stream, shardId);
  }

  @Override
  public void shutdownRequested(ShutdownRequestedInput input) {
    withShard(
        () -> {
          if (gaveUp) {
            LOG.info("released {}/{} at {}; the rest is read again", stream, shardId, checkpointed);
            return;
          }
          // Every batch handed to this processor was acknowledged, so the last record delivered
          // is safe. Checkpointing even without new records completes a graceful lease handoff
          // at once instead of after the KCL's 30 s handoff timeout.
          try {
            input.checkpointer().checkpoint();
            LOG.info("released {}/{} after checkpointing", stream, shardId);
          } catch (KinesisClientLibException e) {
            LOG.warn("released {}/{} without checkpointing: {}", stream, shardId, e.toString());
          }
        });
    metrics.shardReleased(stream, shardId);
  }

  private void checkpoint(RecordProcessorCheckpointer checkpointer, ExtendedSequenceNumber at) {
    try {
      checkpointer.checkpoint(at.sequenceNumber(), at.subSequenceNumber());
      checkpointed = at;
    } catch (ShutdownException e) {
      LOG.info("lease on {}/{} lost before checkpointing {}", stream, shardId, at);
    } catch (KinesisClientLibException e) {
      LOG.warn("cannot checkpoint {}/{} at {} yet: {}", stream, shardId, at, e.toString());
    }
  }

  private SourcePosition position(KinesisClientRecord record) {
    String offset =
        record.aggregated()
            ? record.sequenceNumber() + ":" + record.subSequenceNumber()
            : record.sequenceNumber();
    return SourcePosition.kinesis(stream, shardId, offset);
  }

  private static byte[] bytes(ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return bytes;
  }

  private void withShard(Runnable action) {
    MDC.put(MDC_SHARD, shardId);
    try {
      action.run();
    } finally {
      MDC.remove(MDC_SHARD);
    }
  }
}
