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
 * lease loss it does nothing, since another worker owns the shard. A failing chunk is retried with
 * backoff (1 s doubling to 1 min) and never skipped; while a chunk waits, {@link ShardProgress}
 * knows, so a shard that cannot make progress is reported as stalled. A batch given up because the
 * worker is stopping ends this processor's checkpointing for good, so the batch is read again by
 * the next owner.
 */
final class IngestRecordProcessor implements ShardRecordProcessor {

  /** The SLF4J MDC key holding the shard id while a shard's batch is handled. */
  static final String MDC_SHARD = "shardId";

  /** Default serialized output published and acknowledged at a time per shard: 4 MiB. */
  static final long DEFAULT_MAX_CHUNK_BYTES = 4L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(IngestRecordProcessor.class);
  private static final long FIRST_RETRY_MILLIS = 1_000;
  private static final long MAX_RETRY_MILLIS = 60_000;

  private final String stream;
  private final RecordDecoder decoder;
  private final BatchPublisher publisher;
  private final IngestMetrics metrics;
  private final BooleanSupplier stopping;
  private final long maxChunkBytes;
  private final ShardProgress progress;
  private String shardId = "";
  private ExtendedSequenceNumber checkpointed;
  private boolean gaveUp;
  private int next;
  private OutgoingBatch inFlight = new OutgoingBatch();

  IngestRecordProcessor(
      String stream,
      RecordDecoder decoder,
      BatchPublisher publisher,
      IngestMetrics metrics,
      BooleanSupplier stopping,
      ShardProgress progress,
      long maxChunkBytes) {
    this.stream = stream;
    this.decoder = decoder;
    this.publisher = publisher;
    this.metrics = metrics;
    this.stopping = stopping;
    this.progress = progress;
    this.maxChunkBytes = maxChunkBytes;
  }

  @Override
  public void initialize(InitializationInput input) {
    shardId = input.shardId();
    checkpointed = input.extendedSequenceNumber();
    progress.holding(stream, shardId);
    metrics.watchStall(stream, shardId, () -> progress.stalled(stream, shardId));
    withShard(() -> LOG.info("reading {}/{} from {}", stream, shardId, checkpointed));
  }

  @Override
  public void processRecords(ProcessRecordsInput input) {
    withShard(
        () -> {
          metrics.millisBehindLatest(stream, shardId, input.millisBehindLatest());
          List<KinesisClientRecord> records = input.records();
          if (records.isEmpty() || gaveUp) {
            return;
          }
          metrics.recordsRead(stream, shardId, records.size());
          publishAll(input);
        });
  }

  /**
   * Publishes the batch chunk by chunk. A chunk that fails (a bug in decoding or publishing) is
   * tried again from its first record with capped backoff, for as long as it takes: skipping it
   * would let a later checkpoint cover records never published. Meanwhile the shard counts as
   * waiting ({@link ShardProgress}), so a failure that lasts is seen as a stall.
   */
  private void publishAll(ProcessRecordsInput input) {
    next = 0;
    long backoff = FIRST_RETRY_MILLIS;
    while (next < input.records().size() && !gaveUp) {
      try {
        publishFrom(input);
      } catch (RuntimeException failure) {
        decoder.forget(inFlight.cloudTrailIds());
        progress.failed(stream, shardId, failure.toString());
        LOG.error(
            "failed on records {} to {} of a batch of {} of {}/{}; trying again in {} ms",
            next + 1,
            input.records().size(),
            input.records().size(),
            stream,
            shardId,
            backoff,
            failure);
        if (!pause(backoff)) {
          gaveUp = true;
          LOG.warn("stopping while retrying {}/{}; the batch will be read again", stream, shardId);
          return;
        }
        backoff = Math.min(backoff * 2, MAX_RETRY_MILLIS);
      }
    }
  }

  /** Publishes and checkpoints chunks from record {@code next} on, advancing {@code next}. */
  private void publishFrom(ProcessRecordsInput input) {
    List<KinesisClientRecord> records = input.records();
    inFlight = new OutgoingBatch();
    for (int i = next; i < records.size(); i++) {
      if (i == next) {
        progress.waiting(stream, shardId); // a new chunk, or the same one again after a failure
      }
      KinesisClientRecord record = records.get(i);
      DecodeResult result = decoder.decode(bytes(record.data()), position(record));
      metrics.decoded(result);
      inFlight.add(result);
      if (inFlight.bytes() >= maxChunkBytes || i == records.size() - 1) {
        if (!publisher.publish(inFlight, stopping, f -> progress.failed(stream, shardId, f))) {
          gaveUp = true;
          decoder.forget(inFlight.cloudTrailIds());
          LOG.warn(
              "stopping before Kafka acknowledged records {} to {} of a batch of {}; they will be"
                  + " read again",
              next + 1,
              i + 1,
              records.size());
          return;
        }
        progress.acknowledged(stream, shardId);
        checkpoint(
            input.checkpointer(),
            new ExtendedSequenceNumber(record.sequenceNumber(), record.subSequenceNumber()));
        next = i + 1;
        inFlight = new OutgoingBatch();
      }
    }
  }

  /** Sleeps {@code millis} unless the worker stops first; false when it does. */
  private boolean pause(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    try {
      while (System.nanoTime() < deadline) {
        if (stopping.getAsBoolean()) {
          return false;
        }
        Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      }
      return !stopping.getAsBoolean();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void leaseLost(LeaseLostInput input) {
    withShard(() -> LOG.info("lease on {}/{} ended; no checkpoint", stream, shardId));
    release();
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
    release();
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
    release();
  }

  private void release() {
    metrics.shardReleased(stream, shardId);
    progress.released(stream, shardId);
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
