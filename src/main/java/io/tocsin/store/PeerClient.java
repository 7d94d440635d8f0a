package io.tocsin.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JavaType;
import io.tocsin.model.Json;
import io.tocsin.model.MinuteFigure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another tocsin instance for its local part of a query, over the internal HTTP endpoints the
 * query API serves (same bearer token on every instance).
 */
final class PeerClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final String token;

  PeerClient(String token) {
    this.token = token;
  }

  CompletableFuture<AlertPage> list(HostInfo peer, AlertQuery query) {
    return post(peer, ClusterAlertStore.LIST_PATH, query, AlertPage.class);
  }

  CompletableFuture<AlertCounts> counts(HostInfo peer, CountQuery query) {
    return post(peer, ClusterAlertStore.COUNTS_PATH, query, AlertCounts.class);
  }

  Optional<AlertDetail> get(HostInfo peer, String fingerprint) {
    HttpRequest request =
        request(peer, ClusterAlertStore.GET_PATH + URLEncoder.encode(fingerprint, UTF_8))
            .GET()
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      return Optional.of(read(peer, response, Json.MAPPER.constructType(AlertDetail.class)));
    } catch (IOException e) {
      throw failed(peer, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(peer, e);
    }
  }

  CompletableFuture<List<MinuteFigure>> figures(
      HostInfo peer, String fingerprint, Instant from, Instant to) {
    String path =
        ClusterSeriesFigures.PATH
            + URLEncoder.encode(fingerprint, UTF_8)
            + "?from="
            + from
            + "&to="
            + to;
    JavaType type =
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, MinuteFigure.class);
    return send(peer, request(peer, path).GET().build(), type);
  }

  private <T> CompletableFuture<T> post(HostInfo peer, String path, Object body, Class<T> type) {
    byte[] json;
    try {
      json = Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + body, e);
    }
    HttpRequest request =
        request(peer, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    return send(peer, request, Json.MAPPER.constructType(type));
  }

  private <T> CompletableFuture<T> send(HostInfo peer, HttpRequest request, JavaType type) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> this.<T>read(peer, response, type))
        .exceptionally(
            e -> {
              Throwable cause = e.getCause() != null ? e.getCause() : e;
              throw cause instanceof StoreUnavailableException s ? s : failed(peer, cause);
            });
  }

  private HttpRequest.Builder request(HostInfo peer, String path) {
    return HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private <T> T read(HostInfo peer, HttpResponse<byte[]> response, JavaType type) {
    if (response.statusCode() != 200) {
      throw new StoreUnavailableException(
          "instance " + peer + " answered HTTP " + response.statusCode() + "; retry shortly");
    }
    try {
      return Json.MAPPER.readValue(response.body(), type);
    } catch (IOException e) {
      throw failed(peer, e);
    }
  }

  private static StoreUnavailableException failed(HostInfo peer, Throwable cause) {
    return new StoreUnavailableException(
        "instance " + peer.host() + ":" + peer.port() + " did not answer: " + cause, cause);
  }
}
