package io.tocsin.notify;

import io.tocsin.model.DeadLetter;
import io.tocsin.model.DeliveryReceipt;

/**
 * Where delivery outcomes go: receipts to {@code tocsin.deliveries.v1}, permanent failures to
 * {@code tocsin.deadletter.v1}. Writes may be asynchronous; the service flushes before committing.
 */
public interface Recorder {

  /** Records one outcome. */
  void receipt(DeliveryReceipt receipt);

  /** Records a change no sink will ever accept. */
  void deadLetter(DeadLetter letter);
}
