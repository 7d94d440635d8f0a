package io.tocsin.app.ops;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tocsin.kafka.StreamsService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The process's meter registry: Prometheus, with JVM and process binders, plus a Kafka Streams
 * binder per application whose meters carry an {@code app} tag. Closing it closes the binders and
 * the registry.
 */
public final class Telemetry implements AutoCloseable {

  /** The tag naming the Streams application ({@code store}, {@code detect}, ...) of a meter. */
  public static final String APP_TAG = "app";

  /** How often Kafka's metrics are checked for new ones (threads, tasks, stores); Micrometer's. */
  public static final Duration KAFKA_REFRESH = Duration.ofSeconds(60);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> binders = new ArrayList<>();
  private final Duration kafkaRefresh;

  /** A registry with the JVM and process meters bound. */
  public Telemetry() {
    this(KAFKA_REFRESH);
  }

  /** As {@link #Telemetry()}, checking Kafka's metrics for new ones every {@code kafkaRefresh}. */
  public Telemetry(Duration kafkaRefresh) {
    this.kafkaRefresh = kafkaRefresh;
    registry.config().meterFilter(new KafkaStoreTags());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders.add(gc);
  }

  /** The registry every component records its meters in. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Binds the Kafka Streams (and embedded client) metrics of {@code service}, tagged {@code app}.
   */
  public void bind(String app, StreamsService service) {
    ScheduledExecutorService refresh =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tocsin-meters-" + app);
              thread.setDaemon(true);
              return thread;
            });
    KafkaStreamsMetrics metrics =
        new KafkaStreamsMetrics(service.streams(), Tags.of(APP_TAG, app), refresh, kafkaRefresh);
    metrics.bindTo(registry);
    binders.add(metrics);
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // closing meters is best-effort on shutdown; the registry is closed next
      }
    }
    registry.close();
  }
}
