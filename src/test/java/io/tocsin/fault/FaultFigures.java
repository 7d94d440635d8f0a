package io.tocsin.fault;

import io.tocsin.app.bench.ExpectedIncidents;

/**
 * What a fault test saw, printed as one {@code FAULT} line for the report.
 *
 * @param test the fault
 * @param eventsSent log events put in
 * @param eventsIn distinct log events that arrived on {@code tocsin.logs.v1}
 * @param eventsPublished log events published there, re-reads after a crash included
 * @param alerts firing alerts against the incidents expected
 * @param deadLetters dead letters of the test's input
 */
record FaultFigures(
    String test,
    long eventsSent,
    long eventsIn,
    long eventsPublished,
    ExpectedIncidents.Tally alerts,
    long deadLetters) {

  /** Prints the line. */
  void print() {
    System.out.printf(
        "FAULT %s: events sent %d, in %d (published %d, %d read twice); alerts expected %d,"
            + " firing committed %d, missing %d, duplicates %d, unexpected %d; dead letters %d%n",
        test,
        eventsSent,
        eventsIn,
        eventsPublished,
        eventsPublished - eventsIn,
        alerts.expected(),
        alerts.fired(),
        alerts.missing(),
        alerts.duplicates(),
        alerts.unexpected(),
        deadLetters);
  }
}
