package io.tocsin.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls the analyst API for the CLI: JSON in and out, the bearer token on every call, and every
 * failure (unreachable server, refused token, bad query) turned into a {@link UserException} that
 * says what to fix.
 */
final class ApiClient {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String server;
  private final String token;
  private final String tokenEnv;

  /** A client for {@code server} (e.g. {@code http://tocsin:8080}) sending {@code token}. */
  ApiClient(String server, String token, String tokenEnv) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.token = token;
    this.tokenEnv = tokenEnv;
  }

  /** GET {@code path} with query parameters (a list value repeats the parameter). */
  JsonNode get(String path, Map<String, ?> params) {
    return send(HttpRequest.newBuilder(uri(path, params)).GET());
  }

  /** POST {@code body} as JSON to {@code path}. */
  JsonNode post(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(uri(path, Map.of()))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode request body", e);
    }
  }

  /** DELETE {@code path}. */
  JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(uri(path, Map.of())).DELETE());
  }

  /** {@code text} encoded as one path segment. */
  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path, Map<String, ?> params) {
    StringJoiner query = new StringJoiner("&");
    params.forEach(
        (name, value) -> {
          List<?> values = value instanceof List<?> list ? list : Collections.singletonList(value);
          for (Object v : values) {
            if (v != null) {
              query.add(name + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
            }
          }
        });
    String suffix = query.length() == 0 ? "" : "?" + query;
    try {
      return URI.create(server + path + suffix);
    } catch (IllegalArgumentException e) {
      throw new UserException("--server: not a URL: " + server);
    }
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpRequest built =
        request
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new UserException(
          "cannot reach " + server + " (connection refused); set --server or TOCSIN_SERVER");
    } catch (IOException e) {
      throw new UserException("cannot reach " + server + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted");
    }
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return body;
    }
    String message = body.path("message").asText(response.body());
    if (status == 401) {
      throw new UserException("the server refused the token in $" + tokenEnv + ": " + message);
    }
    throw new UserException("server answered " + status + ": " + message);
  }

  private static JsonNode parse(String text) {
    try {
      return text == null || text.isBlank()
          ? Json.MAPPER.createObjectNode()
          : Json.MAPPER.readTree(text);
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode().put("message", text);
    }
  }
}
