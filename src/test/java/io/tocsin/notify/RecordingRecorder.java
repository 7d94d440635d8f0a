package io.tocsin.notify;

import io.tocsin.model.DeadLetter;
import io.tocsin.model.DeliveryReceipt;
import java.util.ArrayList;
import java.util.List;

/** A recorder that keeps receipts and dead letters in lists. */
public final class RecordingRecorder implements Recorder {

  public final List<DeliveryReceipt> receipts = new ArrayList<>();
  public final List<DeadLetter> deadLetters = new ArrayList<>();

  @Override
  public void receipt(DeliveryReceipt receipt) {
    receipts.add(receipt);
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    deadLetters.add(letter);
  }

  /** The outcomes recorded, in order. */
  public List<DeliveryReceipt.Outcome> outcomes() {
    return receipts.stream().map(DeliveryReceipt::outcome).toList();
  }
}
