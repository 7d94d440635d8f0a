package io.tocsin.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** A notifier that answers from a script (then "delivered") and remembers what it was sent. */
public final class ScriptedNotifier implements Notifier {

  private final String sink;
  private final Deque<DeliveryResult> script = new ArrayDeque<>();
  private final List<Notification> sent = Collections.synchronizedList(new ArrayList<>());

  public ScriptedNotifier(String sink) {
    this.sink = sink;
  }

  /** Queues results to return, in order; once used up, every send is delivered. */
  public ScriptedNotifier then(DeliveryResult... results) {
    script.addAll(List.of(results));
    return this;
  }

  public List<Notification> sent() {
    return List.copyOf(sent);
  }

  @Override
  public String sink() {
    return sink;
  }

  @Override
  public DeliveryResult send(Notification notification) {
    sent.add(notification);
    DeliveryResult next = script.poll();
    return next != null ? next : DeliveryResult.delivered(202, notification.dedupKey());
  }
}
