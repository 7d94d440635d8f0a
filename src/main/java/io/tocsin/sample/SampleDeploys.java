package io.tocsin.sample;

import io.tocsin.model.CloudTrailEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The deploys of the sample traffic, on {@link SampleTraffic}'s five-minute failure cycle: in every
 * cycle {@code orders-api} is deployed twice — the bad build goes live as the 1 % → 10 % failure
 * step begins (minute 1 of the cycle), its fix as the step ends (minute 2) — and in every third
 * cycle an update of the {@code orders-platform} stack fails on one resource and rolls back.
 * Reproducible: a cycle's events depend only on the seed, the origin and the cycle's number.
 */
final class SampleDeploys {

  /** The failure cycle of the sample traffic. */
  static final Duration CYCLE = Duration.ofMinutes(5);

  /** Where in a cycle the bad build goes live: the start of the failure step. */
  static final Duration BAD_DEPLOY = Duration.ofMinutes(1);

  /** Where in a cycle the fix goes live: the end of the failure step. */
  static final Duration FIX_DEPLOY = Duration.ofMinutes(2);

  /** Where in a cycle the stack update starts, in the cycles that have one. */
  static final Duration STACK_UPDATE = Duration.ofSeconds(200);

  /** The function the sample deploys. */
  static final String FUNCTION = "orders-api";

  /** The stack whose updates roll back. */
  static final String STACK = "orders-platform";

  /** The Lambda version the first deploy publishes. */
  static final long FIRST_VERSION = 42;

  private static final String FAILED_RESOURCE = "OrdersTable";
  private static final String FAILURE_REASON =
      "Resource handler returned message: \"Cannot update GSI's properties other than Provisioned"
          + " Throughput and Contributor Insights Specification. You can create a new GSI with a"
          + " different name.\" (RequestToken: 5b1c6a1e-2d4f-4a3b-9c8d-7e6f5a4b3c2d, HandlerErrorCode:"
          + " InvalidRequest)";

  private final long seed;
  private final Instant origin;
  private final String stackId;
  private final Map<Long, List<CloudTrailEvent>> cycles = new HashMap<>();

  /** Deploys for traffic whose failure cycles start at {@code origin}. */
  SampleDeploys(long seed, Instant origin) {
    this.seed = seed;
    this.origin = origin;
    this.stackId =
        "arn:aws:cloudformation:"
            + DeployEvents.REGION
            + ":"
            + SampleTraffic.ACCOUNT
            + ":stack/"
            + STACK
            + "/"
            + new java.util.UUID(seed, ~seed);
  }

  /** Whether cycle {@code cycle} (0 = the first) has a stack update that rolls back. */
  static boolean hasStackUpdate(long cycle) {
    return cycle % 3 == 1;
  }

  /** The deploy events stamped in {@code [second, second + 1 s)}, in time order. */
  List<CloudTrailEvent> during(Instant second) {
    Instant end = second.plusSeconds(1);
    List<CloudTrailEvent> events = new ArrayList<>();
    long first = Math.max(0, cycleOf(second));
    for (long cycle = first; cycle <= cycleOf(end); cycle++) {
      for (CloudTrailEvent event : cycle(cycle)) {
        if (!event.eventTime().isBefore(second) && event.eventTime().isBefore(end)) {
          events.add(event);
        }
      }
    }
    cycles.keySet().removeIf(cycle -> cycle < first - 1);
    return events;
  }

  private long cycleOf(Instant at) {
    return Math.floorDiv(Duration.between(origin, at).toMillis(), CYCLE.toMillis());
  }

  private List<CloudTrailEvent> cycle(long cycle) {
    return cycles.computeIfAbsent(cycle, this::eventsOf);
  }

  private List<CloudTrailEvent> eventsOf(long cycle) {
    Random random = new Random(seed ^ (cycle * 0x9E3779B97F4A7C15L));
    DeployEvents aws = new DeployEvents(random);
    Instant start = origin.plus(CYCLE.multipliedBy(cycle));
    long version = FIRST_VERSION + 2 * cycle;
    List<CloudTrailEvent> events = new ArrayList<>();
    lambdaDeploy(aws, random, wholeSecond(start.plus(BAD_DEPLOY)), version, events);
    lambdaDeploy(aws, random, wholeSecond(start.plus(FIX_DEPLOY)), version + 1, events);
    if (hasStackUpdate(cycle)) {
      stackRollback(aws, wholeSecond(start.plus(STACK_UPDATE)), "template-" + cycle, events);
    }
    return events;
  }

  /**
   * A pipeline's Lambda deploy: new code, a published version, then the {@code live} alias moved to
   * it at {@code live} — the moment the new code starts serving.
   */
  private static void lambdaDeploy(
      DeployEvents aws, Random random, Instant live, long version, List<CloudTrailEvent> out) {
    String build = FUNCTION + "-" + version + "-" + Long.toHexString(random.nextLong() >>> 32);
    boolean byPerson = random.nextBoolean();
    out.add(aws.updateFunctionCode(live.minusSeconds(2), FUNCTION, build, byPerson));
    out.add(aws.publishVersion(live.minusSeconds(1), FUNCTION, build, version, byPerson));
    out.add(aws.updateAlias(live, FUNCTION, version, byPerson));
  }

  /**
   * A stack update that fails on {@link #FAILED_RESOURCE} and rolls back, as CloudFormation does.
   */
  private void stackRollback(
      DeployEvents aws, Instant at, String template, List<CloudTrailEvent> out) {
    String type = "AWS::DynamoDB::Table";
    String table = "orders";
    out.add(aws.updateStack(at, STACK, stackId, template));
    out.add(aws.stackStatus(at.plusSeconds(1), stackId, "UPDATE_IN_PROGRESS", "User Initiated"));
    out.add(
        aws.resourceStatus(
            at.plusSeconds(4), stackId, FAILED_RESOURCE, table, type, "UPDATE_IN_PROGRESS", ""));
    out.add(
        aws.resourceStatus(
            at.plusSeconds(27),
            stackId,
            FAILED_RESOURCE,
            table,
            type,
            "UPDATE_FAILED",
            FAILURE_REASON));
    out.add(
        aws.stackStatus(
            at.plusSeconds(28),
            stackId,
            "UPDATE_ROLLBACK_IN_PROGRESS",
            "The following resource(s) failed to update: [" + FAILED_RESOURCE + "]. "));
    out.add(
        aws.resourceStatus(
            at.plusSeconds(45), stackId, FAILED_RESOURCE, table, type, "UPDATE_COMPLETE", ""));
    out.add(
        aws.stackStatus(
            at.plusSeconds(50), stackId, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", ""));
    out.add(aws.stackStatus(at.plusSeconds(53), stackId, "UPDATE_ROLLBACK_COMPLETE", ""));
  }

  private static Instant wholeSecond(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS);
  }
}
