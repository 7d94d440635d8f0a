package io.tocsin.app.replay;

import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * Replay into the noise forecast: events go through the detection topology, whose alerts feed the
 * {@link NoiseForecast}; this sink notes the span of event time the forecast is averaged over and
 * prints the forecast once the replay is done.
 */
final class ForecastReplaySink implements Replay.ReplaySink {

  private final Replay.ReplaySink detection;
  private final NoiseForecast forecast;
  private final PrintWriter out;
  private Instant first;
  private Instant last;

  ForecastReplaySink(Replay.ReplaySink detection, NoiseForecast forecast, PrintWriter out) {
    this.detection = detection;
    this.forecast = forecast;
    this.out = out;
  }

  @Override
  public void log(LogEvent event) {
    seen(Instant.ofEpochMilli(event.timestamp()));
    detection.log(event);
  }

  @Override
  public void cloudTrail(CloudTrailEvent event) {
    seen(event.eventTime());
    detection.cloudTrail(event);
  }

  @Override
  public void finish(ReplaySummary summary) {
    detection.finish(summary);
    forecast.print(out, first, last);
    out.flush();
  }

  private void seen(Instant at) {
    if (first == null || at.isBefore(first)) {
      first = at;
    }
    if (last == null || at.isAfter(last)) {
      last = at;
    }
  }
}
