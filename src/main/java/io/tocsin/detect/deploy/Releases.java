package io.tocsin.detect.deploy;

import io.tocsin.model.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One release, one deployment: the calls on one resource (kind, account, region, name) within the
 * release span of its first call belong to the deployment that first call started, as a Lambda
 * release is UpdateFunctionCode + PublishVersion + UpdateAlias within seconds, and an API Gateway
 * one CreateDeployment + UpdateStage. Each resource's open release lives in a changelogged store
 * until the span has passed.
 */
final class Releases {

  /** The open release of a resource: the deployment its first call started, and when. */
  record Release(String deploymentId, Instant firstCall) {}

  private final KeyValueStore<String, Release> store;
  private final Duration span;

  Releases(KeyValueStore<String, Release> store, Duration span) {
    this.store = store;
    this.span = span;
  }

  /**
   * The id of the deployment whose release {@code call} continues, or {@code null} when it starts a
   * release of its own (then recorded as the resource's open one).
   */
  String continued(Deployment call) {
    String resource = resourceKey(call);
    Release open = store.get(resource);
    if (open != null
        && Duration.between(open.firstCall(), call.time()).abs().compareTo(span) <= 0) {
      return open.deploymentId();
    }
    if (!span.isZero()) {
      store.put(resource, new Release(call.id(), call.time()));
    }
    return null;
  }

  /**
   * {@code release} with {@code call} folded in: its id, action and verdict, the earlier time of
   * the two (CloudTrail does not promise order), the last version and code hash known, and every
   * event id once.
   */
  static Deployment fold(Deployment release, Deployment call) {
    List<String> events = new ArrayList<>(release.sourceEventIds());
    if (!events.contains(call.sourceEventId())) {
      events.add(call.sourceEventId());
    }
    return new Deployment(
        release.schemaVersion(),
        release.id(),
        release.kind(),
        release.action(),
        release.resource(),
        release.resources(),
        call.version() != null ? call.version() : release.version(),
        call.codeSha256() != null ? call.codeSha256() : release.codeSha256(),
        release.actor(),
        release.stack(),
        release.account(),
        release.region(),
        call.time().isBefore(release.time()) ? call.time() : release.time(),
        release.sourceEventId(),
        release.outcome(),
        release.evidence(),
        release.verdict(),
        call.time().isAfter(release.updatedAt()) ? call.time() : release.updatedAt(),
        events);
  }

  /** Forgets the releases whose span ended before {@code now}. */
  void expire(Instant now) {
    List<String> closed = new ArrayList<>();
    try (KeyValueIterator<String, Release> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Release> open = all.next();
        if (open.value.firstCall().plus(span).isBefore(now)) {
          closed.add(open.key);
        }
      }
    }
    closed.forEach(store::delete);
  }

  private static String resourceKey(Deployment call) {
    return String.join(
        ":", call.kind().label(), call.account(), String.valueOf(call.region()), call.resource());
  }
}
