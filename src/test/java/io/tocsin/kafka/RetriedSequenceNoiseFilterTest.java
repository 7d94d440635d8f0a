package io.tocsin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

class RetriedSequenceNoiseFilterTest {

  private static final String NO_STATE =
      "Invalid sequence number for producer 24 at offset 809 in partition"
          + " tocsin-detect-logs-rate-observations-repartition-2: 4 (incoming seq. number). Expected"
          + " sequence 0 for transactions v2 idempotent producer with no existing state.";
  private static final String RETRY =
      "[Producer clientId=tocsin-detect-1-StreamThread-1-producer, transactionalId=tocsin-detect-1]"
          + " Got error produce response with correlation id 122 on topic-partition"
          + " tocsin-detect-logs-rate-observations-repartition-2, retrying (2147483646 attempts"
          + " left). Error: OUT_OF_ORDER_SEQUENCE_NUMBER";

  private final LoggerContext context = new LoggerContext();
  private final RetriedSequenceNoiseFilter filter = new RetriedSequenceNoiseFilter();
  private final Logger broker = context.getLogger(RetriedSequenceNoiseFilter.BROKER_LOGGER);
  private final Logger producer = context.getLogger(RetriedSequenceNoiseFilter.PRODUCER_LOGGER);

  @Test
  void shouldDropTheBrokersRefusalOfALaterBatchBeforeTheFirstOne() {
    assertThat(
            filter.decide(
                null,
                broker,
                Level.ERROR,
                "Error processing append operation on partition x-2",
                null,
                new OutOfOrderSequenceException(NO_STATE)))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void shouldDropTheProducersRetryOfIt() {
    assertThat(filter.decide(null, producer, Level.WARN, RETRY, null, null))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void shouldKeepEveryOtherSequenceErrorAndEveryOtherRetry() {
    assertThat(
            filter.decide(
                null,
                broker,
                Level.ERROR,
                "Error processing append operation on partition x-2",
                null,
                new OutOfOrderSequenceException(
                    "Out of order sequence number for producer 1674: 51 (incoming seq. number), 49"
                        + " (current end sequence number)")))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            filter.decide(
                null,
                producer,
                Level.WARN,
                RETRY.replace("OUT_OF_ORDER_SEQUENCE_NUMBER", "NOT_LEADER_OR_FOLLOWER"),
                null,
                null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            filter.decide(
                null,
                context.getLogger("io.tocsin"),
                Level.ERROR,
                "x",
                null,
                new OutOfOrderSequenceException(NO_STATE)))
        .isEqualTo(FilterReply.NEUTRAL);
  }
}
