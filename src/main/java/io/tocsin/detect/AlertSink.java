package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.topics.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The one way out of every detector to {@code tocsin.alerts.v1}: counts each alert and stamps it no
 * later than the wall clock. An alert carries its event's time, and an event from a host whose
 * clock runs ahead would otherwise be refused by the broker (over {@code
 * log.message.timestamp.after.max.ms}, one hour by default) and stall its task for good.
 */
public final class AlertSink {

  private AlertSink() {}

  /** Writes {@code alerts} of the detector {@code name} to the alerts topic. */
  public static void to(KStream<String, Alert> alerts, String name, DetectMetrics metrics) {
    alerts
        .processValues(() -> new Stamp(name, metrics), Named.as(name + "-alerts-stamp"))
        .to(Topics.ALERTS.name(), Topics.ALERTS.produced(name + "-alerts-sink"));
  }

  /** Counts an alert and moves its record time back to the wall clock when it is ahead. */
  private static final class Stamp implements FixedKeyProcessor<String, Alert, Alert> {

    private final String detector;
    private final DetectMetrics metrics;
    private FixedKeyProcessorContext<String, Alert> context;

    Stamp(String detector, DetectMetrics metrics) {
      this.detector = detector;
      this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Alert> record) {
      metrics.alerted(record.value());
      long now = context.currentSystemTimeMs();
      if (record.timestamp() > now) {
        if (record.timestamp() > now + DetectMetrics.AHEAD_TOLERANCE_MS) {
          metrics.ahead(detector);
        }
        context.forward(record.withTimestamp(now));
      } else {
        context.forward(record);
      }
    }
  }
}
