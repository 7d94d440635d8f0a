package io.tocsin.store;

import io.tocsin.model.MinuteFigure;
import java.time.Instant;
import java.util.List;

/** The per-minute figures the detector recorded for sliding rules' groups, by alert fingerprint. */
public interface SeriesFigures {

  /** None: only the alert history draws the series. */
  SeriesFigures NONE = (fingerprint, from, to) -> List.of();

  /**
   * The figures of group {@code fingerprint} whose minute starts in {@code [from, to]}, oldest
   * first; empty for a periodic or unknown rule's group, or once the hour they are kept has passed.
   *
   * @throws StoreUnavailableException while detection is not running here or a peer does not answer
   */
  List<MinuteFigure> figures(String fingerprint, Instant from, Instant to);
}
