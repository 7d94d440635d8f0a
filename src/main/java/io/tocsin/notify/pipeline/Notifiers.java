package io.tocsin.notify.pipeline;

import io.tocsin.config.ConfigException;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.notify.Notifier;
import io.tocsin.notify.pagerduty.PagerDutyNotifier;
import io.tocsin.notify.sns.SnsNotifier;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Creates the sink client of every configured receiver that has one. */
public final class Notifiers {

  private Notifiers() {}

  /**
   * One notifier per receiver with a sink, by receiver name; PagerDuty routing keys are read from
   * {@code env}.
   *
   * @throws ConfigException naming {@code notify.receivers.N…} when a routing key is missing
   */
  public static Map<String, Notifier> create(
      NotifySettings settings, Map<String, String> env, Clock clock) {
    Map<String, Notifier> notifiers = new LinkedHashMap<>();
    List<ReceiverSettings> receivers = settings.receivers();
    try {
      for (int i = 0; i < receivers.size(); i++) {
        ReceiverSettings r = receivers.get(i);
        if (r.pagerduty() != null) {
          notifiers.put(r.name(), pagerDuty(r, i, env, clock));
        } else if (r.sns() != null) {
          notifiers.put(r.name(), SnsNotifier.create(r.sns()));
        }
      }
      return notifiers;
    } catch (RuntimeException e) {
      notifiers.values().forEach(Notifier::close);
      throw e;
    }
  }

  /**
   * Checks that {@code env} holds every PagerDuty routing key, without creating any client:
   * start-up calls it before touching the cluster.
   *
   * @throws ConfigException naming {@code notify.receivers.N…} when a routing key is missing
   */
  public static void checkSecrets(NotifySettings settings, Map<String, String> env) {
    List<ReceiverSettings> receivers = settings.receivers();
    for (int i = 0; i < receivers.size(); i++) {
      ReceiverSettings r = receivers.get(i);
      if (r.pagerduty() != null) {
        located(i, () -> PagerDutyNotifier.routingKey(r.pagerduty(), env));
      }
    }
  }

  private static Notifier pagerDuty(
      ReceiverSettings r, int index, Map<String, String> env, Clock clock) {
    return located(index, () -> PagerDutyNotifier.create(r.pagerduty(), env, clock));
  }

  /** Runs {@code action}, prefixing a ConfigException's key with the receiver's place. */
  private static <T> T located(int index, Supplier<T> action) {
    try {
      return action.get();
    } catch (ConfigException e) {
      throw new ConfigException("notify.receivers." + index + ".pagerduty." + e.key(), e.problem());
    }
  }
}
