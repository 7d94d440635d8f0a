package io.tocsin.notify;

import io.tocsin.model.Silence;
import io.tocsin.store.SilenceStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A silence store in a map, for tests of the delivery stages. */
public final class InMemorySilenceStore implements SilenceStore {

  private final Map<String, Silence> silences = new ConcurrentHashMap<>();

  @Override
  public List<Silence> current(Instant now) {
    return all().stream().filter(s -> s.endsAt().isAfter(now)).toList();
  }

  @Override
  public List<Silence> all() {
    return silences.values().stream()
        .sorted(Comparator.comparing(Silence::startsAt).reversed())
        .toList();
  }

  @Override
  public Optional<Silence> get(String id) {
    return Optional.ofNullable(silences.get(id));
  }

  @Override
  public void create(Silence silence) {
    silences.put(silence.id(), silence);
  }

  @Override
  public Optional<Silence> expire(String id, Instant now) {
    Silence s = silences.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Silence expired =
        new Silence(s.id(), s.matchers(), s.startsAt(), now, s.createdBy(), s.comment());
    silences.put(id, expired);
    return Optional.of(expired);
  }
}
