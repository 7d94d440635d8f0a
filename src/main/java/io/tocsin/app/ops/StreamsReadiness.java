package io.tocsin.app.ops;

import io.tocsin.kafka.StreamsService;
import org.apache.kafka.streams.KafkaStreams;

/** Ready while a Kafka Streams application is RUNNING (a rebalance counts as not ready). */
public final class StreamsReadiness implements ReadinessCheck {

  private final String name;
  private final StreamsService service;

  /** Watches {@code service} under {@code name}. */
  public StreamsReadiness(String name, StreamsService service) {
    this.name = name;
    this.service = service;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Result check() {
    KafkaStreams.State state = service.state();
    return state == KafkaStreams.State.RUNNING
        ? Result.up(state.name())
        : Result.down(state.name());
  }
}
