package io.tocsin.detect;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.config.HeartbeatSettings;
import io.tocsin.model.Alert;
import io.tocsin.topics.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The dead-man heartbeat: watches configured sources (a log group, an account's trail) on the
 * ingest topics and raises an alert when one goes silent. Its own Streams application, so it keeps
 * watching whatever happens to detection. Sightings are thinned to one per source and second per
 * task, then gathered on one partition so one task knows every heartbeat.
 */
public final class HeartbeatDetector {

  private static final String STORE = "heartbeat-store";

  private HeartbeatDetector() {}

  /**
   * Adds the detector for {@code heartbeats} to {@code builder}, counting its alerts ({@link
   * DetectMetrics}) in {@code registry} when it is not {@code null}.
   */
  public static void build(
      StreamsBuilder builder, List<HeartbeatSettings> heartbeats, MeterRegistry registry) {
    Map<String, String> nameBySource = new LinkedHashMap<>();
    Map<String, HeartbeatSettings> byName = new LinkedHashMap<>();
    for (HeartbeatSettings h : heartbeats) {
      nameBySource.put(h.sourceKey(), h.name());
      byName.put(h.name(), h);
    }
    KStream<String, Long> logs =
        builder.stream(Topics.LOGS.name(), Topics.LOGS.consumed("heartbeat-logs-source"))
            .flatMap(
                (key, e) -> sighting(nameBySource, "logs:" + e.logGroup(), e.timestamp()),
                Named.as("heartbeat-logs-sightings"));
    KStream<String, Long> trail =
        builder.stream(
                Topics.CLOUDTRAIL.name(), Topics.CLOUDTRAIL.consumed("heartbeat-cloudtrail-source"))
            .flatMap(
                (key, e) ->
                    sighting(
                        nameBySource, "cloudtrail:" + e.account(), e.eventTime().toEpochMilli()),
                Named.as("heartbeat-cloudtrail-sightings"));
    builder.addStateStore(DetectStores.keyValue(STORE, HeartbeatState.class));
    KStream<String, Alert> alerts =
        logs.merge(trail, Named.as("heartbeat-merge"))
            .process(SightingThinner::new, Named.as("heartbeat-thin"))
            .repartition(
                Repartitioned.<String, Long>as("heartbeat-sightings")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.Long())
                    .withNumberOfPartitions(1))
            .process(
                () -> new HeartbeatProcessor(byName, STORE), Named.as("heartbeat-check"), STORE);
    AlertSink.to(alerts, "heartbeat", DetectMetrics.of(registry));
  }

  private static List<KeyValue<String, Long>> sighting(
      Map<String, String> nameBySource, String source, long eventTime) {
    String name = nameBySource.get(source);
    return name == null ? List.of() : List.of(KeyValue.pair(name, eventTime));
  }
}
