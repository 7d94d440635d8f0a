package io.tocsin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class NewInternalTopicNoiseFilterTest {

  private static final String FORMAT =
      "[AdminClient clientId=tocsin-detect-7351-admin] Received unknown topic error for topic {}";
  private static final UnknownTopicOrPartitionException UNKNOWN =
      new UnknownTopicOrPartitionException("This server does not host this topic-partition.");

  private final LoggerContext context = new LoggerContext();
  private final NewInternalTopicNoiseFilter filter = new NewInternalTopicNoiseFilter();
  private final Logger admin = context.getLogger(NewInternalTopicNoiseFilter.ADMIN_LOGGER);

  private FilterReply decide(Logger logger, Level level, String topic) {
    return filter.decide(null, logger, level, FORMAT, new Object[] {topic, UNKNOWN}, null);
  }

  @Test
  void shouldDropTheLookupOfAStreamsTopicJustCreated() {
    assertThat(decide(admin, Level.ERROR, "tocsin-detect-deploywatch-traffic-changelog"))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide(admin, Level.ERROR, "tocsin-detect-logs-matches-repartition"))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void shouldKeepUnknownInputTopicsOtherLevelsAndOtherLoggers() {
    assertThat(decide(admin, Level.ERROR, "tocsin.logs.v1")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(admin, Level.WARN, "x-changelog")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(context.getLogger("io.tocsin"), Level.ERROR, "x-changelog"))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            filter.decide(null, admin, Level.ERROR, "Received authorization failure", null, null))
        .isEqualTo(FilterReply.NEUTRAL);
  }
}
