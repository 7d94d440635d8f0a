package io.tocsin.testing;

import io.tocsin.model.Silence;
import io.tocsin.store.SilenceStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SilenceStore} in a map, for tests of the API, console, CLI and delivery stages (the
 * production one lives on a compacted topic).
 */
public final class InMemorySilenceStore implements SilenceStore {

  private final Map<String, Silence> silences = new ConcurrentHashMap<>();

  /** Forgets every silence, so tests sharing a server start from none. */
  public void clear() {
    silences.clear();
  }

  @Override
  public List<Silence> all() {
    return silences.values().stream().sorted(NEWEST_FIRST).toList();
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
    Silence expired =
        silences.computeIfPresent(
            id,
            (key, s) ->
                now.isBefore(s.endsAt())
                    ? new Silence(
                        s.id(),
                        s.matchers(),
                        s.startsAt(),
                        now.isAfter(s.startsAt()) ? now : s.startsAt().plusMillis(1),
                        s.createdBy(),
                        s.comment())
                    : s);
    return Optional.ofNullable(expired);
  }
}
