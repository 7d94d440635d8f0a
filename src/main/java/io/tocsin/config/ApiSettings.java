package io.tocsin.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The analyst surface: the query API, web console and alert history ({@code api:} in the config).
 *
 * @param host the address the HTTP server binds; default {@code 0.0.0.0} (every interface)
 * @param port the HTTP port; default 8080 ({@code 0} = any free port, for tests)
 * @param advertisedHost the host name or IP other tocsin instances reach this one at, for routing
 *     queries to the instance that holds an alert (Kafka Streams {@code application.server});
 *     default the host name (on Kubernetes set it to the pod IP)
 * @param tokenEnv the environment variable holding the bearer token every {@code /api} call must
 *     send (at least 16 characters; every instance needs the same token); default {@code
 *     TOCSIN_API_TOKEN}
 * @param corsOrigins browser origins allowed to call the API from other sites, e.g. {@code
 *     https://soc.example.com}; default none (CORS off)
 * @param retention how long resolved alerts, state-change history and delivery receipts are kept;
 *     default 30d
 * @param defaultPageSize alerts per page when a query sets no {@code limit}; default 50
 * @param maxPageSize the largest {@code limit} a query may ask for, at most 500; default 500
 */
public record ApiSettings(
    String host,
    int port,
    String advertisedHost,
    String tokenEnv,
    List<String> corsOrigins,
    Duration retention,
    int defaultPageSize,
    int maxPageSize) {

  /** The hard upper bound of {@link #maxPageSize}. */
  public static final int PAGE_SIZE_LIMIT = 500;

  /** The shortest token accepted: anything shorter is guessable. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /** The defaults, as documented on each field. */
  public static ApiSettings defaults() {
    return new ApiSettings(
        "0.0.0.0", 8080, hostName(), "TOCSIN_API_TOKEN", List.of(), Duration.ofDays(30), 50, 500);
  }

  /** Validates every field; the first problem is thrown as a {@link ConfigException}. */
  public ApiSettings {
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    if (host == null || host.isBlank()) {
      throw new ConfigException("host", "expected an address to bind such as 0.0.0.0, got nothing");
    }
    if (port < 0 || port > 65_535) {
      throw new ConfigException("port", "expected a port from 0 to 65535, got " + port);
    }
    if (advertisedHost == null || !advertisedHost.matches("[A-Za-z0-9.:_-]+")) {
      throw new ConfigException(
          "advertised_host", "expected a host name or IP address, got '" + advertisedHost + "'");
    }
    if (tokenEnv == null || !tokenEnv.matches("[A-Z_][A-Z0-9_]*")) {
      throw new ConfigException(
          "token_env", "expected an environment variable name such as TOCSIN_API_TOKEN");
    }
    for (int i = 0; i < corsOrigins.size(); i++) {
      checkOrigin(i, corsOrigins.get(i));
    }
    if (retention == null || retention.compareTo(Duration.ofHours(1)) < 0) {
      throw new ConfigException("retention", "expected a duration of at least 1h");
    }
    if (maxPageSize < 1 || maxPageSize > PAGE_SIZE_LIMIT) {
      throw new ConfigException(
          "max_page_size",
          "expected a whole number from 1 to " + PAGE_SIZE_LIMIT + ", got " + maxPageSize);
    }
    if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
      throw new ConfigException(
          "default_page_size",
          "expected a whole number from 1 to max_page_size ("
              + maxPageSize
              + "), got "
              + defaultPageSize);
    }
  }

  /**
   * The bearer token from {@code env}; throws naming the variable when it is unset or too short.
   */
  public String token(Map<String, String> env) {
    String token = env.get(tokenEnv);
    if (token == null || token.isBlank()) {
      throw new ConfigException(
          "token_env", "environment variable " + tokenEnv + " is not set; it holds the API token");
    }
    if (token.strip().length() < MIN_TOKEN_LENGTH) {
      throw new ConfigException(
          "token_env",
          "the token in "
              + tokenEnv
              + " is shorter than "
              + MIN_TOKEN_LENGTH
              + " characters; use e.g. `openssl rand -hex 32`");
    }
    return token.strip();
  }

  /** These settings bound to {@code bindHost} and {@code bindPort}, advertised as the same host. */
  public ApiSettings withAddress(String bindHost, int bindPort) {
    return new ApiSettings(
        bindHost,
        bindPort,
        bindHost,
        tokenEnv,
        corsOrigins,
        retention,
        defaultPageSize,
        maxPageSize);
  }

  private static void checkOrigin(int index, String origin) {
    String problem = "expected an origin such as https://soc.example.com, got '" + origin + "'";
    if (origin == null || origin.equals("*")) {
      throw new ConfigException("cors_origins." + index, problem + " (list exact origins)");
    }
    try {
      URI uri = new URI(origin);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      boolean bare = uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty());
      if (!web || !bare || uri.getQuery() != null) {
        throw new ConfigException("cors_origins." + index, problem);
      }
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException("cors_origins." + index, problem);
    }
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "localhost";
      }
    }
    return host;
  }
}
