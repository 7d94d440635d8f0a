package io.tocsin.app.ops;

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
import java.util.ArrayList;
import java.util.List;

/**
 * The process's meter registry: Prometheus, with JVM and process binders, plus a Kafka Streams
 * binder per application. Closing it closes the binders and the registry.
 */
public final class Telemetry implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> binders = new ArrayList<>();

  /** A registry with the JVM and process meters bound. */
  public Telemetry() {
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

  /** Binds the Kafka Streams (and embedded client) metrics of {@code service}. */
  public void bind(StreamsService service) {
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(service.streams());
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
