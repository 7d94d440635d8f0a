package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleEvent;
import java.util.List;

/**
 * A log event after its one scan: the event, the view rules read (its JSON message parsed at most
 * once) and the probes that matched. Passed in memory from the scan to the match and rate
 * detectors, never serialized.
 *
 * @param event the event
 * @param view the event as rules see it
 * @param hits the probes of every logs rule that matched it
 */
record ScannedLog(LogEvent event, RuleEvent view, List<Probe> hits) {

  /** Scans {@code event} with {@code scan}. */
  static ScannedLog of(LogEvent event, EventScan scan) {
    RuleEvent view = RuleEvent.of(event);
    return new ScannedLog(event, view, scan.hits(view));
  }

  /** The resource and actor of the event, for alerts. */
  Alert.Resource resource() {
    return new Alert.Resource(event.owner(), null, event.logGroup(), null, null, null, null);
  }
}
