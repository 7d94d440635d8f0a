package io.tocsin.fault;

import io.tocsin.app.bench.TocsinProcess;
import io.tocsin.config.KafkaSettings;
import io.tocsin.config.KinesisSettings;
import io.tocsin.config.LoggingSettings;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.RouteSettings;
import io.tocsin.config.RulesSettings;
import io.tocsin.config.TocsinConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a {@code tocsin run} child whose work is delivery: every alert change routed
 * to one receiver, none grouped, Kinesis off, the API on a free loopback port.
 */
final class NotifierOnlyConfig {

  private NotifierOnlyConfig() {}

  /**
   * Delivers to {@code receiver} from the cluster at {@code bootstrapServers}, as application and
   * instance {@code application}, with Streams state under {@code dir}.
   */
  static TocsinConfig of(
      String bootstrapServers, String application, Path dir, ReceiverSettings receiver) {
    return new TocsinConfig(
        new KafkaSettings(
            bootstrapServers,
            Map.of(),
            3,
            1,
            application,
            dir.resolve("state").toString(),
            Duration.ofMillis(100),
            application),
        KinesisSettings.defaults(),
        RulesSettings.defaults(),
        List.of(),
        new NotifySettings(RouteSettings.to(receiver.name()), List.of(receiver), null),
        TocsinProcess.loopbackApi(),
        LoggingSettings.defaults());
  }
}
