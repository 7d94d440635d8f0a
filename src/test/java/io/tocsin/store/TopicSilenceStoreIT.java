package io.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Silence;
import io.tocsin.notify.KafkaFixture;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicSilenceStoreIT {

  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  @RegisterExtension final KafkaFixture kafka = new KafkaFixture();

  private TopicSilenceStore store(String instance) {
    TopicSilenceStore store =
        new TopicSilenceStore(kafka.clients(instance), Duration.ofSeconds(10));
    store.start();
    return store;
  }

  private static Silence silence(String id, Instant startsAt, Instant endsAt) {
    return new Silence(
        id, List.of(LabelMatcher.parse("rule=lambda-errors")), startsAt, endsAt, "ana", "deploy");
  }

  @Test
  void shouldShareSilencesBetweenInstancesAndKeepThemAcrossRestarts() {
    Silence morning = silence("s-1", NOW.minusSeconds(3600), NOW.plusSeconds(3600));
    Silence later = silence("s-2", NOW.plusSeconds(600), NOW.plusSeconds(7200));
    try (TopicSilenceStore a = store("a")) {
      a.create(morning);
      assertThat(a.get("s-1")).as("read back before create returns").contains(morning);

      try (TopicSilenceStore b = store("b")) {
        assertThat(b.get("s-1")).as("loaded from the beginning").contains(morning);

        b.create(later);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.get("s-2").isPresent());

        assertThat(a.expire("s-1", NOW))
            .hasValueSatisfying(s -> assertThat(s.endsAt()).isEqualTo(NOW));
        await().atMost(Duration.ofSeconds(10)).until(() -> b.get("s-1").get().endsAt().equals(NOW));
        assertThat(b.current(NOW)).extracting(Silence::id).containsExactly("s-2");
        assertThat(b.all()).extracting(Silence::id).containsExactly("s-2", "s-1");
      }
    }
    try (TopicSilenceStore restarted = store("a")) {
      assertThat(restarted.all()).extracting(Silence::id).containsExactly("s-2", "s-1");
      assertThat(restarted.get("s-1").get().endsAt()).isEqualTo(NOW);
    }
  }

  @Test
  void shouldExpireAPendingSilenceSoThatItNeverSilences() {
    try (TopicSilenceStore store = store("a")) {
      store.create(silence("pending", NOW.plusSeconds(60), NOW.plusSeconds(120)));

      Silence expired = store.expire("pending", NOW).orElseThrow();

      assertThat(expired.endsAt()).isEqualTo(NOW);
      assertThat(expired.activeAt(NOW.plusSeconds(90))).isFalse();
      assertThat(store.current(NOW)).isEmpty();
      assertThat(store.expire("missing", NOW)).isEmpty();
    }
  }

  @Test
  void shouldRefuseASecondSilenceWithTheSameId() {
    try (TopicSilenceStore store = store("a")) {
      store.create(silence("s-1", NOW, NOW.plusSeconds(60)));

      assertThatThrownBy(() -> store.create(silence("s-1", NOW, NOW.plusSeconds(90))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("silence s-1 exists already");
    }
  }

  @Test
  void shouldKeepSilencesOnACompactedTopic() throws Exception {
    try (Admin admin = Admin.create(kafka.clients("a").admin())) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SILENCES.name());
      Config config =
          admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);

      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }
}
