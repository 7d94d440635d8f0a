package io.tocsin.query;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.tocsin.model.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Requires {@code Authorization: Bearer <token>} on a request. Compares SHA-256 digests in constant
 * time, so neither the token's content nor its length leaks through timing; never logs what was
 * sent. A refusal is a 401 with a JSON error and a {@code WWW-Authenticate} challenge.
 */
final class BearerAuth implements Handler {

  private static final String PREFIX = "Bearer ";

  private final byte[] expected;

  BearerAuth(String token) {
    this.expected = digest(token);
  }

  @Override
  public void handle(Context ctx) {
    if (ctx.method() == HandlerType.OPTIONS) {
      return; // CORS preflight carries no credentials; the CORS rules decide
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      refuse(
          ctx, "Bearer realm=\"tocsin\"", "send the API token as 'Authorization: Bearer <token>'");
      return;
    }
    byte[] sent = digest(header.substring(PREFIX.length()).strip());
    if (!MessageDigest.isEqual(sent, expected)) {
      refuse(ctx, "Bearer realm=\"tocsin\", error=\"invalid_token\"", "the API token is not valid");
    }
  }

  private static void refuse(Context ctx, String challenge, String message) {
    ctx.skipRemainingHandlers();
    ctx.header("WWW-Authenticate", challenge);
    ctx.status(401);
    ctx.contentType("application/json");
    ctx.result(
        Json.MAPPER.valueToTree(Map.of("error", "unauthorized", "message", message)).toString());
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
