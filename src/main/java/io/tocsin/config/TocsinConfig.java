package io.tocsin.config;

/**
 * The whole configuration: one immutable record per concern, each validated when built. Loaded by
 * {@link ConfigLoader} from the {@code --config} YAML file and {@code TOCSIN_*} environment
 * variables, over {@link #defaults()}.
 *
 * @param kafka the Kafka cluster, topics and Streams state
 * @param rules where detection rules come from
 */
public record TocsinConfig(KafkaSettings kafka, RulesSettings rules) {

  /** Every section at its documented defaults. */
  public static TocsinConfig defaults() {
    return new TocsinConfig(KafkaSettings.defaults(), RulesSettings.defaults());
  }
}
