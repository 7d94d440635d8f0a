package io.tocsin.store;

import io.tocsin.model.Silence;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Where silences live: shared by every instance, read by notify, written by the API and CLI. */
public interface SilenceStore {

  /** The order of every listing: latest start first, then by id. */
  Comparator<Silence> NEWEST_FIRST =
      Comparator.comparing(Silence::startsAt).reversed().thenComparing(Silence::id);

  /** Every silence not yet expired at {@code now} (active or pending), newest first. */
  default List<Silence> current(Instant now) {
    return all().stream().filter(s -> s.endsAt().isAfter(now)).toList();
  }

  /** Every silence known, expired ones included, newest first. */
  List<Silence> all();

  /** The silence with {@code id}. */
  Optional<Silence> get(String id);

  /** Stores a new silence; it is visible to every instance once this returns. */
  void create(Silence silence);

  /**
   * Ends the silence {@code id} at {@code now}; returns the expired silence, or empty when no such
   * silence exists.
   */
  Optional<Silence> expire(String id, Instant now);
}
