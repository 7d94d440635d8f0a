package io.tocsin.app;

import io.tocsin.app.cli.TerminalText;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.Verdict;
import io.tocsin.model.Deployment.VerdictStatus;
import io.tocsin.topics.Topics;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints the post-deployment watch's verdicts committed to {@code tocsin.deployments.v1} from now
 * on, one line each (a deployment's later state changes that keep its verdict print nothing): what
 * {@code tocsin local} shows of the deployment watch.
 */
final class VerdictConsole implements AutoCloseable {

  private final TopicTail<Deployment> tail;
  private final PrintStream out;
  private final Set<String> printed = ConcurrentHashMap.newKeySet();

  /**
   * A console reading with {@code consumerProperties} (read_committed), printing to {@code out}.
   */
  VerdictConsole(Map<String, Object> consumerProperties, PrintStream out) {
    this.tail =
        new TopicTail<>(consumerProperties, Topics.DEPLOYMENTS, this::print, "verdict-console");
    this.out = out;
  }

  /** Starts at the end of the topic: only verdicts reached from now on are shown. */
  void start() {
    tail.start();
  }

  /** Verdicts printed so far. */
  int verdicts() {
    return printed.size();
  }

  private void print(Deployment deployment) {
    Verdict verdict = deployment.verdict();
    if (verdict == null
        || verdict.status() == null
        || verdict.status() == VerdictStatus.PENDING
        || !printed.add(deployment.id() + " " + verdict.status().label())) {
      return;
    }
    out.println(line(deployment));
  }

  /**
   * One verdict in one line, control characters escaped: {@code VERDICT regression orders-api 42 by
   * alice: errors 1.00 % → 8.00 %, 75 s after the deploy}, or for a failed deploy its outcome.
   */
  static String line(Deployment d) {
    Verdict v = d.verdict();
    StringBuilder text =
        new StringBuilder(
            String.format(Locale.ROOT, "VERDICT  %-10s  %s", v.status().label(), d.resource()));
    if (d.version() != null) {
      text.append(' ').append(d.version());
    }
    if (d.actor() != null) {
      text.append(" by ").append(d.actor().name() != null ? d.actor().name() : d.actor().arn());
    }
    text.append(": ");
    Deployment.Outcome outcome = d.outcome();
    if (v.status() == VerdictStatus.FAILED && outcome != null && outcome.status() != null) {
      text.append(outcome.status().label().replace('_', ' '));
      if (outcome.failedResource() != null) {
        text.append(", ").append(outcome.failedResource());
      }
      if (outcome.reason() != null) {
        text.append(": ").append(outcome.reason());
      }
    } else {
      text.append("errors ")
          .append(percent(v.baseline()))
          .append(" → ")
          .append(percent(v.after()))
          .append(", ")
          .append(v.afterSeconds())
          .append(" s after the deploy");
    }
    return TerminalText.safe(text.toString());
  }

  private static String percent(Deployment.Window window) {
    return window == null || window.errorRatio() == null
        ? "-"
        : String.format(Locale.ROOT, "%.2f %%", window.errorRatio() * 100);
  }

  @Override
  public void close() {
    tail.close();
  }
}
