package io.tocsin.topics;

import org.apache.kafka.common.serialization.Serde;

/**
 * A serde whose bytes are the project mapper's JSON of one record type, however it reads them.
 *
 * @param <T> the record type
 */
public interface JsonValueSerde<T> extends Serde<T> {

  /** The record type of the values. */
  Class<T> type();
}
