package io.tocsin.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * Drops the log lines of one transient, retried condition of Kafka 4 transactions (KIP-890,
 * KAFKA-18202): a transaction's later batch reaching a partition before its first one is refused
 * with a retriable out-of-order sequence and sent again. Brokers log each refusal at ERROR with a
 * stack trace and producers warn of the retry, dozens of lines in the first seconds of every start
 * that need no action. A sequence error that is not retried is still logged, by whoever sees it.
 */
public final class RetriedSequenceNoiseFilter extends TurboFilter {

  static final String BROKER_LOGGER = "kafka.server.ReplicaManager";
  static final String PRODUCER_LOGGER = "org.apache.kafka.clients.producer.internals.Sender";
  private static final String NO_STATE_YET = "idempotent producer with no existing state";
  private static final String RETRIED_ERROR = "OUT_OF_ORDER_SEQUENCE_NUMBER";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // Runs before every logging call, enabled or not (Streams asks isTraceEnabled per record).
    if (logger == null || level == null || level.levelInt < Level.WARN_INT) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    if (name.equals(BROKER_LOGGER)
        && t instanceof OutOfOrderSequenceException
        && t.getMessage() != null
        && t.getMessage().contains(NO_STATE_YET)) {
      return FilterReply.DENY;
    }
    if (name.equals(PRODUCER_LOGGER)
        && level == Level.WARN
        && format != null
        && format.contains("retrying")
        && endsWithRetriedError(format, params)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  /** Kafka's log context formats the message itself; a plain logger passes the error as last. */
  private static boolean endsWithRetriedError(String format, Object[] params) {
    return params == null || params.length == 0
        ? format.endsWith(RETRIED_ERROR)
        : RETRIED_ERROR.equals(String.valueOf(params[params.length - 1]));
  }
}
