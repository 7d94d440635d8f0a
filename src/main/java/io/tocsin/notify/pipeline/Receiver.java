package io.tocsin.notify.pipeline;

import io.tocsin.config.ReceiverSettings;
import io.tocsin.notify.Notifier;

/**
 * A configured receiver and its sink client; {@code notifier} is {@code null} for a receiver that
 * delivers nowhere.
 */
record Receiver(ReceiverSettings settings, Notifier notifier) {

  String name() {
    return settings.name();
  }

  String sink() {
    return notifier == null ? "none" : notifier.sink();
  }
}
