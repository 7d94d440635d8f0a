package io.tocsin.detect;

import io.tocsin.detect.deploy.DeployLookup;
import io.tocsin.detect.deploy.RecentDeploys;
import io.tocsin.model.Alert;
import io.tocsin.topics.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The one way out of every detector to {@code tocsin.alerts.v1}: counts each alert, ties it to the
 * latest deploy of its log group when the app keeps them ({@link DeployLookup}), and stamps it no
 * later than the wall clock. An alert carries its event's time, and an event from a host whose
 * clock runs ahead would otherwise be refused by the broker (over {@code
 * log.message.timestamp.after.max.ms}, one hour by default) and stall its task for good.
 */
public final class AlertSink {

  private final DetectMetrics metrics;
  private final DeployLookup deploys;

  /**
   * A sink counting in {@code metrics} that adds {@code context.deploy} from {@code deploys}, or
   * nothing when it is {@code null}.
   */
  public AlertSink(DetectMetrics metrics, DeployLookup deploys) {
    this.metrics = metrics;
    this.deploys = deploys;
  }

  /** Writes {@code alerts} of the detector {@code name} to the alerts topic, without deploys. */
  public static void to(KStream<String, Alert> alerts, String name, DetectMetrics metrics) {
    new AlertSink(metrics, null).write(alerts, name);
  }

  /** The meters the detectors behind this sink count in. */
  DetectMetrics metrics() {
    return metrics;
  }

  /** Writes {@code alerts} of the detector {@code name} to the alerts topic. */
  void write(KStream<String, Alert> alerts, String name) {
    alerts
        .processValues(() -> new Stamp(name, metrics, deploys), Named.as(name + "-alerts-stamp"))
        .to(Topics.ALERTS.name(), Topics.ALERTS.produced(name + "-alerts-sink"));
  }

  /**
   * Counts an alert, adds its deploy, and moves its record time back to the wall clock when it is
   * ahead.
   */
  private static final class Stamp implements FixedKeyProcessor<String, Alert, Alert> {

    private final String detector;
    private final DetectMetrics metrics;
    private final DeployLookup deploys;
    private FixedKeyProcessorContext<String, Alert> context;
    private ReadOnlyKeyValueStore<String, RecentDeploys> recent;

    Stamp(String detector, DetectMetrics metrics, DeployLookup deploys) {
      this.detector = detector;
      this.metrics = metrics;
      this.deploys = deploys;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
      this.context = context;
      if (deploys != null) {
        recent = context.getStateStore(DeployLookup.STORE);
      }
    }

    @Override
    public void process(FixedKeyRecord<String, Alert> record) {
      metrics.alerted(record.value());
      FixedKeyRecord<String, Alert> out =
          recent == null ? record : record.withValue(deploys.stamp(record.value(), recent));
      long now = context.currentSystemTimeMs();
      if (out.timestamp() > now) {
        if (out.timestamp() > now + DetectMetrics.AHEAD_TOLERANCE_MS) {
          metrics.ahead(detector);
        }
        context.forward(out.withTimestamp(now));
      } else {
        context.forward(out);
      }
    }
  }
}
