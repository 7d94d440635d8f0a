package io.tocsin.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole configuration: one immutable record per concern, each validated when built. Loaded by
 * {@link ConfigLoader} from the {@code --config} YAML file and {@code TOCSIN_*} environment
 * variables, over {@link #defaults()}.
 *
 * @param kafka the Kafka cluster, topics and Streams state
 * @param kinesis the Kinesis streams to read (none: no Kinesis source)
 * @param rules where detection rules come from
 * @param heartbeats dead-man heartbeats on sources; default none
 * @param delivery alert routing and delivery, the {@code notify:} section (SNS, PagerDuty); default
 *     delivers nothing
 * @param api the query API, web console and alert history
 * @param logging the log format of {@code tocsin run}; default text lines
 */
public record TocsinConfig(
    KafkaSettings kafka,
    KinesisSettings kinesis,
    RulesSettings rules,
    List<HeartbeatSettings> heartbeats,
    @JsonProperty("notify") NotifySettings delivery,
    ApiSettings api,
    LoggingSettings logging) {

  /** Every section at its documented defaults. */
  public static TocsinConfig defaults() {
    return new TocsinConfig(
        KafkaSettings.defaults(),
        KinesisSettings.defaults(),
        RulesSettings.defaults(),
        List.of(),
        NotifySettings.defaults(),
        ApiSettings.defaults(),
        LoggingSettings.defaults());
  }

  /** Normalises an absent heartbeat list and rejects duplicate names. */
  public TocsinConfig {
    heartbeats = heartbeats == null ? List.of() : List.copyOf(heartbeats);
    delivery = delivery == null ? NotifySettings.defaults() : delivery;
    api = api == null ? ApiSettings.defaults() : api;
    logging = logging == null ? LoggingSettings.defaults() : logging;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < heartbeats.size(); i++) {
      if (!names.add(heartbeats.get(i).name())) {
        throw new ConfigException(
            "heartbeats." + i + ".name", "duplicate name '" + heartbeats.get(i).name() + "'");
      }
    }
  }
}
