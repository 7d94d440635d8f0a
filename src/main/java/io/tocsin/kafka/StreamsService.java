package io.tocsin.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams topology: logs its state changes, replaces a thread that died of an
 * unexpected error, and on close leaves the consumer group so a restarted instance rejoins at once
 * instead of waiting out the session timeout.
 */
public final class StreamsService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

  private final String name;
  private final KafkaStreams streams;
  private final CountDownLatch running = new CountDownLatch(1);

  /** Prepares {@code topology} under {@code properties}; call {@link #start()} to run it. */
  public StreamsService(String name, Topology topology, Properties properties) {
    this.name = name;
    this.streams = new KafkaStreams(topology, properties);
    streams.setStateListener(
        (now, before) -> {
          LOG.info("{} streams: {} -> {}", name, before, now);
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
          if (now == KafkaStreams.State.ERROR) {
            LOG.error("{} streams stopped on an error; alerts from it have stopped", name);
          }
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("{} streams thread failed; replacing it", name, e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
  }

  /** Starts processing in background threads. */
  public void start() {
    streams.start();
  }

  /** Waits until the topology is RUNNING; returns false on timeout. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The current state, for readiness checks. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The running instance, for interactive queries and metrics binding. */
  public KafkaStreams streams() {
    return streams;
  }

  /** Closes within 10 seconds, leaving the consumer group. */
  @Override
  public void close() {
    long t0 = System.nanoTime();
    boolean clean =
        streams.close(
            new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(10)));
    LOG.info(
        "{} streams closed{} in {} ms",
        name,
        clean ? "" : " (timed out)",
        (System.nanoTime() - t0) / 1_000_000);
  }
}
