package io.tocsin.notify.sns;

import io.tocsin.model.Alert;
import io.tocsin.model.DeployContext;
import io.tocsin.notify.AlertLinks;
import io.tocsin.notify.MessageBudget;
import io.tocsin.notify.Notification;
import java.util.Locale;

/** The plain text an email subscriber reads: what fired, where, how often, and where to look. */
final class EmailText {

  private static final int SAMPLES_SHOWN = 3;
  private static final int SAMPLE_CHARS = 500;
  private static final int SUMMARY_CHARS = 4000;

  private EmailText() {}

  /** The text for {@code n}; bounded in size whatever the alert carries. */
  static String of(Notification n) {
    Alert a = n.alert();
    StringBuilder t = new StringBuilder();
    if (n.group() != null) {
      Notification.GroupSummary g = n.group();
      t.append(g.changes())
          .append(" more firing change(s) in group ")
          .append(g.labels())
          .append(" since ")
          .append(g.since())
          .append(g.throttled() > 0 ? " (" + g.throttled() + " over the rate cap)" : "")
          .append(".\nFingerprints: ")
          .append(String.join(", ", g.fingerprints()))
          .append("\n\nLatest:\n");
    }
    t.append('[')
        .append(a.status().label().toUpperCase(Locale.ROOT))
        .append("] ")
        .append(a.title())
        .append("\n\nSeverity: ")
        .append(a.rule().severity().label())
        .append("\nRule:     ")
        .append(a.rule().id())
        .append(" (")
        .append(a.rule().title())
        .append(")\n");
    Alert.Resource r = a.resource();
    if (r != null) {
      line(t, "Account:  ", r.account());
      line(t, "Region:   ", r.region());
      line(t, "Log group:", r.logGroup());
      line(t, "Source:   ", r.eventSource());
      line(t, "Principal:", r.principalArn());
      line(t, "Source IP:", r.sourceIp());
    }
    t.append("Started:  ").append(a.startsAt()).append('\n');
    DeployContext deploy = DeployContext.in(a.context());
    if (deploy != null) {
      t.append("Deploy:   ").append(deploy.phrase()).append('\n');
    }
    line(t, "Ended:    ", a.endsAt() == null ? null : a.endsAt().toString());
    t.append("Events:   ").append(a.count()).append("\n\n");
    t.append(MessageBudget.truncate(a.summary(), SUMMARY_CHARS)).append('\n');
    if (!a.samples().isEmpty()) {
      t.append("\nSamples:\n");
      a.samples().stream()
          .limit(SAMPLES_SHOWN)
          .forEach(
              s -> t.append("  ").append(MessageBudget.truncate(s, SAMPLE_CHARS)).append('\n'));
    }
    for (Alert.Link link : AlertLinks.of(a)) {
      t.append('\n').append(link.text()).append(": ").append(link.href());
    }
    t.append("\n\nAlert ").append(a.id()).append(", fingerprint ").append(a.fingerprint());
    return t.toString();
  }

  private static void line(StringBuilder t, String label, String value) {
    if (value != null && !value.isBlank()) {
      t.append(label).append(' ').append(value).append('\n');
    }
  }
}
