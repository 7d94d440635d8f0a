package io.tocsin.kafka;

import io.tocsin.model.DeadLetter;
import io.tocsin.model.SourcePosition;
import io.tocsin.topics.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Streams record that cannot be deserialized goes to {@code tocsin.deadletter.v1} with its topic,
 * partition, offset and the reason, and processing continues: bad input never stops detection.
 * Configured on every Streams application by {@link KafkaClients#streams}.
 */
public final class DeadLetterOnBadRecord implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOnBadRecord.class);

  private KafkaProducer<byte[], byte[]> producer;

  @Override
  public void configure(Map<String, ?> configs) {
    Map<String, Object> props = new HashMap<>();
    configs.forEach(
        (k, v) -> {
          if (k.startsWith("security.") || k.startsWith("ssl.") || k.startsWith("sasl.")) {
            props.put(k, v);
          }
        });
    props.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        configs.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "tocsin-deadletter");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public DeserializationHandlerResponse handle(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    SourcePosition source =
        SourcePosition.kafka(record.topic(), record.partition(), record.offset());
    byte[] value = record.value() == null ? new byte[0] : record.value();
    DeadLetter letter =
        DeadLetter.of("bad_record", exception.getMessage(), source, Instant.now(), value);
    LOG.warn("dead-lettering undecodable record at {}: {}", source, exception.getMessage());
    producer.send(
        new ProducerRecord<>(
            Topics.DEADLETTER.name(),
            letter.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Topics.DEADLETTER
                .valueSerde()
                .serializer()
                .serialize(Topics.DEADLETTER.name(), letter)),
        (meta, error) -> {
          if (error != null) {
            LOG.error("could not dead-letter the record at {}: {}", source, error.getMessage());
          }
        });
    return DeserializationHandlerResponse.CONTINUE;
  }
}
