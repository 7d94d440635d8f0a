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
 * @param kinesis the Kinesis streams {@code tocsin run} reads and how its KCL consumer behaves (no
 *     streams: no Kinesis source)
 * @param rules where detection rules come from
 * @param heartbeats dead-man heartbeats on sources: alert when a log group or an account's trail
 *     has been silent too long; default none
 * @param delivery alert routing and delivery to SNS and PagerDuty, the {@code notify:} section;
 *     default delivers nothing
 * @param api the HTTP server: query API, web console, health and metrics
 * @param logging the log format of {@code tocsin run}; default text lines
 * @param deployments the post-deployment watch: deployments learned from CloudTrail, judged on
 *     their log groups' traffic
 */
public record TocsinConfig(
    KafkaSettings kafka,
    KinesisSettings kinesis,
    RulesSettings rules,
    List<HeartbeatSettings> heartbeats,
    @JsonProperty("notify") NotifySettings delivery,
    ApiSettings api,
    LoggingSettings logging,
    DeploymentSettings deployments) {

  /** Every section at its documented defaults. */
  public static TocsinConfig defaults() {
    return new TocsinConfig(
        KafkaSettings.defaults(),
        KinesisSettings.defaults(),
        RulesSettings.defaults(),
        List.of(),
        NotifySettings.defaults(),
        ApiSettings.defaults(),
        LoggingSettings.defaults(),
        DeploymentSettings.defaults());
  }

  /** Every section given, with the post-deployment watch at its defaults. */
  public TocsinConfig(
      KafkaSettings kafka,
      KinesisSettings kinesis,
      RulesSettings rules,
      List<HeartbeatSettings> heartbeats,
      NotifySettings delivery,
      ApiSettings api,
      LoggingSettings logging) {
    this(kafka, kinesis, rules, heartbeats, delivery, api, logging, DeploymentSettings.defaults());
  }

  /** Normalises an absent heartbeat list and rejects duplicate names. */
  public TocsinConfig {
    heartbeats = heartbeats == null ? List.of() : List.copyOf(heartbeats);
    delivery = delivery == null ? NotifySettings.defaults() : delivery;
    api = api == null ? ApiSettings.defaults() : api;
    logging = logging == null ? LoggingSettings.defaults() : logging;
    deployments = deployments == null ? DeploymentSettings.defaults() : deployments;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < heartbeats.size(); i++) {
      if (!names.add(heartbeats.get(i).name())) {
        throw new ConfigException(
            "heartbeats." + i + ".name", "duplicate name '" + heartbeats.get(i).name() + "'");
      }
    }
  }
}
