package io.tocsin.app.cli;

import java.util.function.Function;
import picocli.CommandLine.Option;

/** The options every API-calling command shares: which server, which token, which output. */
final class ServerOptions {

  /** The server used when neither {@code --server} nor {@code TOCSIN_SERVER} is set. */
  static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "API server; default $TOCSIN_SERVER, else " + DEFAULT_SERVER)
  String server;

  @Option(
      names = "--token-env",
      paramLabel = "VAR",
      defaultValue = "TOCSIN_API_TOKEN",
      description = "environment variable holding the API token (default: ${DEFAULT-VALUE})")
  String tokenEnv;

  @Option(names = "--json", description = "print JSON for scripts instead of tables")
  boolean json;

  /** A client for the chosen server with the token read from {@code env}. */
  ApiClient client(Function<String, String> env) {
    String url = server != null ? server : env.apply("TOCSIN_SERVER");
    if (url == null || url.isBlank()) {
      url = DEFAULT_SERVER;
    }
    String token = env.apply(tokenEnv);
    if (token == null || token.isBlank()) {
      throw new UserException(
          "set " + tokenEnv + " to the API token (or name another variable with --token-env)");
    }
    return new ApiClient(url.strip(), token.strip(), tokenEnv);
  }
}
