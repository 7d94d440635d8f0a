package io.tocsin.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the admin client's ERROR line for a Kafka Streams internal topic (changelog or repartition)
 * that the broker does not list yet: on a first start Streams creates these topics and at once
 * looks up their offsets, and until the new topics reach the broker's metadata each lookup is
 * refused, logged at ERROR and retried. On a loaded machine that is a dozen ERROR lines per start
 * that need no action. Unknown topics of any other name are still logged.
 */
public final class NewInternalTopicNoiseFilter extends TurboFilter {

  static final String ADMIN_LOGGER =
      "org.apache.kafka.clients.admin.internals.PartitionLeaderStrategy";
  private static final String UNKNOWN_TOPIC = "Received unknown topic error for topic {}";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == Level.ERROR
        && logger != null
        && logger.getName().equals(ADMIN_LOGGER)
        && format != null
        && format.endsWith(UNKNOWN_TOPIC)
        && params != null
        && params.length > 0
        && params[0] instanceof String topic
        && (topic.endsWith("-changelog") || topic.endsWith("-repartition"))) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
