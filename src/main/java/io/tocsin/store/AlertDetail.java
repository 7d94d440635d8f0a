package io.tocsin.store;

import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import java.util.List;

/**
 * Everything known about one alert fingerprint.
 *
 * @param current its latest state
 * @param history every state change still retained, oldest first
 * @param receipts every delivery attempt outcome still retained, oldest first
 */
public record AlertDetail(Alert current, List<Alert> history, List<DeliveryReceipt> receipts) {

  /** Normalises absent lists to empty ones. */
  public AlertDetail {
    history = history == null ? List.of() : List.copyOf(history);
    receipts = receipts == null ? List.of() : List.copyOf(receipts);
  }
}
