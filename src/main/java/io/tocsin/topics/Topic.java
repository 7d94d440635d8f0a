package io.tocsin.topics;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka topic with the serdes of its key and value: the only way code names a topic.
 *
 * @param name the topic name, versioned ({@code .v1}) because the value schema is a contract
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

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
