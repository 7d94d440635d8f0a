package io.tocsin.topics;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka topic with the serdes of its key and value: the only way code names a topic.
 *
 * @param name the topic name, versioned ({@code .v1}) because the value schema is a contract
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 * @param configs topic-level configs set when tocsin creates it (e.g. {@code cleanup.policy});
 *     empty = broker defaults
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

  /** Copies {@code configs}; absent means none. */
  public Topic {
    configs = configs == null ? Map.of() : Map.copyOf(configs);
  }

  /** A topic created with the broker's default configs. */
  public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    this(name, keySerde, valueSerde, Map.of());
  }

  /** How a Streams topology reads this topic. */
  public Consumed<K, V> consumed(String processorName) {
    return Consumed.with(keySerde, valueSerde).withName(processorName);
  }

  /** How a Streams topology writes this topic. */
  public Produced<K, V> produced(String processorName) {
    return Produced.with(keySerde, valueSerde).withName(processorName);
  }

  @Override
  public String toString() {
    return name;
  }
}
