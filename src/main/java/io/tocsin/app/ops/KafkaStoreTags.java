package io.tocsin.app.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives Kafka Streams' state-store meters one tag key for the store. Streams names that tag after
 * the store type ({@code rocksdb-state-id}, {@code rocksdb-window-state-id}, {@code
 * in-memory-state-id}, ...), so one meter name such as {@code kafka.stream.state.estimate.num.keys}
 * would carry different tag keys in different applications, which Prometheus refuses: all but the
 * first would not be exported. Renamed to {@code store} (same number of tags, so Micrometer's Kafka
 * binder still recognises its own meters), every store's meters export.
 */
final class KafkaStoreTags implements MeterFilter {

  /** The one tag key of a state store on Kafka Streams' meters. */
  static final String STORE_TAG = "store";

  private static final String STATE_METERS = "kafka.stream.state.";
  private static final String STORE_ID_SUFFIX = ".state.id";

  @Override
  public Meter.Id map(Meter.Id id) {
    if (!id.getName().startsWith(STATE_METERS)) {
      return id;
    }
    List<Tag> tags = new ArrayList<>();
    boolean renamed = false;
    for (Tag tag : id.getTagsAsIterable()) {
      if (tag.getKey().endsWith(STORE_ID_SUFFIX)) {
        tags.add(Tag.of(STORE_TAG, tag.getValue()));
        renamed = true;
      } else {
        tags.add(tag);
      }
    }
    return renamed ? id.replaceTags(tags) : id;
  }
}
