package io.tocsin.store;

import java.util.Optional;

/**
 * The alerts an analyst can query: the current state of every alert, its history of state changes
 * and its delivery receipts. The query API depends only on this interface (Alertmanager's provider
 * style); one implementation reads this instance's state stores, another the whole cluster.
 */
public interface AlertStore {

  /**
   * One page of current alerts (one per fingerprint) matching {@code query}, in its sort order.
   *
   * @throws StoreUnavailableException while the store is starting or rebalancing
   */
  AlertPage list(AlertQuery query);

  /**
   * The alert with {@code fingerprint}, its state changes and delivery receipts; empty when unknown
   * or expired.
   *
   * @throws StoreUnavailableException while the store is starting or rebalancing
   */
  Optional<AlertDetail> get(String fingerprint);

  /**
   * How many incidents opened (firing state changes) in the query's range, by rule, severity or
   * hour.
   *
   * @throws StoreUnavailableException while the store is starting or rebalancing
   */
  AlertCounts counts(CountQuery query);
}
