package io.tocsin.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded, reproducible generator of realistic traffic for {@code tocsin local} and tests: Lambda
 * invocations (START, application lines, errors, timeouts, END, REPORT), API Gateway access logs
 * and CloudTrail events from real templates. One function, {@code orders-api}, steps from 1 % to 10
 * % failures for one minute in every five, so that failure-rate alerts fire and resolve; the {@link
 * SampleDeploys deploys} that cause it (and the clean ones) come with it.
 */
public final class SampleTraffic {

  /** The account id the generated log groups belong to. */
  public static final String ACCOUNT = "123456789012";

  private static final String[] FUNCTIONS = {"orders-api", "billing-worker", "thumbnailer"};
  private static final SourcePosition SOURCE = new SourcePosition("sample", "tocsin-local", "", "");

  private final Random random;
  private final int invocationsPerSecond;
  private final List<JsonNode> cloudTrailTemplates;
  private final Instant origin;
  private final SampleDeploys deploys;
  private long sequence;

  /** Generates {@code invocationsPerSecond} Lambda invocations a second, from {@code seed}. */
  public SampleTraffic(long seed, int invocationsPerSecond, Instant origin) {
    this.random = new Random(seed);
    this.invocationsPerSecond = invocationsPerSecond;
    this.cloudTrailTemplates = loadTemplates();
    this.origin = origin;
    this.deploys = new SampleDeploys(seed, origin);
  }

  /**
   * One second of traffic: every event is stamped in {@code [second, second + 1 s)}, invocations by
   * the moment they end.
   */
  public Batch second(Instant second) {
    List<LogEvent> logs = new ArrayList<>();
    for (int i = 0; i < invocationsPerSecond; i++) {
      String function = FUNCTIONS[random.nextInt(FUNCTIONS.length)];
      Instant at = second.plusMillis(random.nextInt(1000));
      boolean fails = random.nextDouble() < failureRate(function, at);
      logs.addAll(invocation(function, at, fails));
      logs.add(apiAccessLog(at, fails && function.equals("orders-api")));
    }
    List<CloudTrailEvent> trail = new ArrayList<>();
    if (random.nextInt(3) == 0) {
      trail.add(cloudTrail(second.plusMillis(random.nextInt(1000))));
    }
    trail.addAll(deploys.during(second));
    trail.sort(Comparator.comparing(CloudTrailEvent::eventTime));
    return new Batch(logs, trail);
  }

  /** The failure probability of {@code function} at {@code at}. */
  double failureRate(String function, Instant at) {
    if (!function.equals("orders-api")) {
      return 0.005;
    }
    long minuteOfCycle = Duration.between(origin, at).toMinutes() % 5;
    return minuteOfCycle == 1 ? 0.10 : 0.01;
  }

  /**
   * The log lines of one invocation that ends at {@code end}: every line is stamped at or before
   * {@code end}, so traffic generated for a second that has passed is never in the future.
   */
  private List<LogEvent> invocation(String function, Instant end, boolean fails) {
    String group = "/aws/lambda/" + function;
    String stream = "2026/11/26/[$LATEST]" + Integer.toHexString(function.hashCode());
    String requestId = uuid();
    boolean timesOut = fails && random.nextBoolean();
    double durationMs = timesOut ? 3000.0 : 20 + random.nextInt(400) + random.nextDouble();
    long endMillis = end.toEpochMilli();
    long t = endMillis - (long) durationMs;
    Instant start = Instant.ofEpochMilli(t);
    List<LogEvent> lines = new ArrayList<>(5);
    lines.add(log(group, stream, t, "START RequestId: " + requestId + " Version: $LATEST"));
    lines.add(
        log(
            group,
            stream,
            t + 3,
            start.plusMillis(3)
                + "\t"
                + requestId
                + "\tINFO\t{\"msg\":\"handling request\",\"items\":"
                + random.nextInt(20)
                + "}"));
    if (timesOut) {
      lines.add(
          log(
              group,
              stream,
              endMillis,
              end + " " + requestId + " Task timed out after 3.00 seconds"));
    } else if (fails) {
      lines.add(
          log(
              group,
              stream,
              t + 15,
              start.plusMillis(15)
                  + "\t"
                  + requestId
                  + "\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\","
                  + "\"errorMessage\":\"Cannot read properties of undefined (reading 'id')\"}"));
    }
    lines.add(log(group, stream, endMillis, "END RequestId: " + requestId));
    lines.add(
        log(
            group,
            stream,
            endMillis,
            String.format(
                java.util.Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: 128 MB\t"
                    + "Max Memory Used: %d MB\t",
                requestId,
                durationMs,
                (long) Math.ceil(durationMs),
                60 + random.nextInt(60))));
    return lines;
  }

  private LogEvent apiAccessLog(Instant at, boolean serverError) {
    int status = serverError ? 502 : random.nextInt(40) == 0 ? 404 : 200;
    String line =
        String.format(
            java.util.Locale.ROOT,
            "{\"requestId\":\"%s\",\"ip\":\"198.51.100.%d\",\"requestTime\":\"%s\","
                + "\"httpMethod\":\"POST\",\"routeKey\":\"POST /orders\",\"status\":\"%d\","
                + "\"protocol\":\"HTTP/1.1\",\"responseLength\":\"%d\",\"integrationLatency\":%d,"
                + "\"responseLatency\":%d}",
            uuid(),
            random.nextInt(250),
            at,
            status,
            100 + random.nextInt(900),
            20 + random.nextInt(300),
            25 + random.nextInt(320));
    return log("/aws/apigateway/orders-prod", "access", at.toEpochMilli(), line);
  }

  private CloudTrailEvent cloudTrail(Instant at) {
    ObjectNode event =
        cloudTrailTemplates.get(random.nextInt(cloudTrailTemplates.size())).deepCopy();
    String id = uuid();
    event.put("eventID", id);
    event.put("eventTime", at.toString());
    String account =
        event
            .path("recipientAccountId")
            .asText(event.path("userIdentity").path("accountId").asText(ACCOUNT));
    return new CloudTrailEvent(
        id,
        at,
        event.path("eventSource").asText(),
        event.path("eventName").asText(),
        account,
        event.path("awsRegion").asText("us-east-1"),
        "cloudtrail",
        event,
        SOURCE);
  }

  private LogEvent log(String group, String stream, long millis, String message) {
    return new LogEvent(ACCOUNT, group, stream, Long.toString(++sequence), millis, message, SOURCE);
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static List<JsonNode> loadTemplates() {
    List<JsonNode> templates = new ArrayList<>();
    try (InputStream in =
            SampleTraffic.class.getResourceAsStream("/samples/cloudtrail-events.jsonl");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        templates.add(Json.MAPPER.readTree(line).path("event"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CloudTrail sample templates", e);
    }
    return templates;
  }

  /** One second of generated traffic. */
  public record Batch(List<LogEvent> logs, List<CloudTrailEvent> cloudTrail) {
    /** Number of events in the batch. */
    public int size() {
      return logs.size() + cloudTrail.size();
    }
  }
}
