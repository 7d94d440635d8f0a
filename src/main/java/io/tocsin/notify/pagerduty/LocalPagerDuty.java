package io.tocsin.notify.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tocsin.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A stand-in for PagerDuty's Events API v2 on 127.0.0.1 for {@code tocsin local}: validates events
 * as PagerDuty does (400 with its error shape), answers 202 with the dedup_key, and keeps the open
 * incidents by dedup_key, reporting each change as a line such as {@code PAGE opened …}.
 */
public final class LocalPagerDuty implements AutoCloseable {

  /** A routing key local mode can configure; any 32-character key is accepted, as by PagerDuty. */
  public static final String ROUTING_KEY = "tocsinlocal000000000000000000000";

  /** The path PagerDuty serves the Events API v2 on. */
  public static final String PATH = "/v2/enqueue";

  private static final int MAX_BODY_BYTES = PagerDutyEvent.MAX_BYTES;

  /** An open incident: its key, PagerDuty severity, summary, when it opened and alerts merged. */
  public record Incident(
      String dedupKey, String severity, String summary, Instant openedAt, int alerts) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Consumer<String> out;
  private final Clock clock;
  private final Map<String, Incident> open = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  private LocalPagerDuty(HttpServer server, Consumer<String> out, Clock clock) {
    this.server = server;
    this.out = out;
    this.clock = clock;
    this.executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "local-pagerduty"));
    server.createContext(PATH, this::handle);
    server.setExecutor(executor);
  }

  /** Starts on a free loopback port; each incident change is passed to {@code out} as a line. */
  public static LocalPagerDuty start(Consumer<String> out, Clock clock) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LocalPagerDuty pd = new LocalPagerDuty(server, out, clock);
      server.start();
      return pd;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local PagerDuty on 127.0.0.1", e);
    }
  }

  /** The URL to configure as {@code events_url}. */
  public URI eventsUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** The incidents open now, by dedup_key. */
  public Map<String, Incident> openIncidents() {
    return Map.copyOf(open);
  }

  /** Events answered 202 so far. */
  public long accepted() {
    return accepted.get();
  }

  /** Events answered 400 so far. */
  public long rejected() {
    return rejected.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        reply(exchange, 405, error(List.of("Only POST is supported")));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        reply(exchange, 413, error(List.of("Event is larger than 512 KB")));
        return;
      }
      JsonNode event;
      try {
        event = Json.MAPPER.readTree(body);
      } catch (IOException e) {
        reply(exchange, 400, error(List.of("Event is not valid JSON")));
        return;
      }
      List<String> problems =
          event == null ? List.of("Event is empty") : EventRules.problems(event);
      if (!problems.isEmpty()) {
        rejected.incrementAndGet();
        reply(exchange, 400, error(problems));
        return;
      }
      String key = apply(event);
      accepted.incrementAndGet();
      ObjectNode ok = Json.MAPPER.createObjectNode();
      ok.put("status", "success").put("message", "Event processed").put("dedup_key", key);
      reply(exchange, 202, ok);
    }
  }

  /** Updates the open incidents; returns the event's dedup_key (generated when absent). */
  private String apply(JsonNode event) {
    String action = event.get("event_action").asText();
    String key =
        event.hasNonNull("dedup_key")
            ? event.get("dedup_key").asText()
            : UUID.randomUUID().toString().replace("-", "");
    if (action.equals("trigger")) {
      JsonNode p = event.get("payload");
      Incident before = open.get(key);
      Incident now =
          before == null
              ? new Incident(
                  key, p.get("severity").asText(), p.get("summary").asText(), clock.instant(), 1)
              : new Incident(
                  key, before.severity(), before.summary(), before.openedAt(), before.alerts() + 1);
      open.put(key, now);
      out.accept(
          String.format(
              "PAGE %-8s [%s] %s (dedup_key %s)",
              before == null ? "opened" : "updated",
              now.severity(),
              p.get("summary").asText(),
              key));
    } else if (action.equals("resolve")) {
      Incident closed = open.remove(key);
      if (closed != null) {
        out.accept(
            String.format(
                "PAGE %-8s [%s] %s (dedup_key %s)",
                "resolved", closed.severity(), closed.summary(), key));
      }
    }
    return key;
  }

  private static ObjectNode error(List<String> problems) {
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("status", "invalid event").put("message", "Event object is invalid");
    problems.forEach(e.putArray("errors")::add);
    return e;
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
