package io.tocsin.ingest.kinesis;

import io.tocsin.ingest.decode.DecodeResult;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The serialized outputs of consecutive Kinesis records of one shard, published and acknowledged
 * together: log events keyed by log group, CloudTrail events by account, dead letters by reason.
 * Keeping bytes instead of decoded objects, and tracking their size, lets the processor bound what
 * a shard holds in flight.
 */
final class OutgoingBatch {

  private final List<Outgoing> records = new ArrayList<>();
  private final List<String> cloudTrailIds = new ArrayList<>();
  private long bytes;

  /** Serializes and adds every output of {@code result}. */
  void add(DecodeResult result) {
    for (LogEvent log : result.logs()) {
      add(Outgoing.of(Topics.LOGS, log.logGroup(), log, log.source()));
    }
    for (CloudTrailEvent event : result.cloudTrail()) {
      add(Outgoing.of(Topics.CLOUDTRAIL, event.account(), event, event.source()));
      if (event.eventId() != null) {
        cloudTrailIds.add(event.eventId());
      }
    }
    for (DeadLetter letter : result.deadLetters()) {
      add(Outgoing.of(Topics.DEADLETTER, letter.reason(), letter, letter.source()));
    }
  }

  /** Serialized bytes of keys and values added so far. */
  long bytes() {
    return bytes;
  }

  /** The records to send, in the order added. */
  List<Outgoing> records() {
    return records;
  }

  /** The eventIDs of the CloudTrail events in this batch. */
  List<String> cloudTrailIds() {
    return cloudTrailIds;
  }

  private void add(Outgoing outgoing) {
    records.add(outgoing);
    byte[] key = outgoing.record().key();
    bytes += (key == null ? 0 : key.length) + outgoing.record().value().length;
  }

  /** One serialized record on its way to Kafka, and where its input came from. */
  record Outgoing(ProducerRecord<byte[], byte[]> record, SourcePosition source) {

    /** Serializes {@code value} for {@code topic} with the topic's serdes. */
    static <V> Outgoing of(Topic<String, V> topic, String key, V value, SourcePosition source) {
      String name = topic.name();
      return new Outgoing(
          new ProducerRecord<>(
              name,
              topic.keySerde().serializer().serialize(name, key),
              topic.valueSerde().serializer().serialize(name, value)),
          source);
    }

    boolean isDeadLetter() {
      return record.topic().equals(Topics.DEADLETTER.name());
    }
  }
}
