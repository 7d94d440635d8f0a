package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reading IAM policy documents as CloudTrail records them: objects, JSON strings or URL-encoded
 * JSON strings (the {@code requestParameters.policyDocument} of IAM calls), with single values or
 * lists wherever IAM allows either.
 */
public final class PolicyDocument {

  /** Condition keys that narrow a {@code "*"} principal to an organisation, account or network. */
  private static final Set<String> NARROWING_KEYS =
      Set.of(
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:principalaccount",
          "aws:principalarn",
          "aws:principalisawsservice",
          "aws:sourceaccount",
          "aws:sourcearn",
          "aws:sourceowner",
          "aws:sourceorgid",
          "aws:sourceorgpaths",
          "aws:sourcevpc",
          "aws:sourcevpce",
          "aws:sourceip",
          "aws:userid",
          "kms:calleraccount",
          "s3:dataaccesspointaccount",
          "s3:dataaccesspointarn");

  private PolicyDocument() {}

  /** The policy as an object: given as one, as a JSON string or as URL-encoded JSON; or null. */
  public static JsonNode decode(JsonNode value) {
    if (value.isObject()) {
      return value;
    }
    if (!value.isTextual()) {
      return null;
    }
    String text = value.asText().strip();
    if (text.startsWith("%7B") || text.startsWith("%7b")) {
      try {
        text = URLDecoder.decode(text, StandardCharsets.UTF_8).strip();
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(text);
      return parsed != null && parsed.isObject() ? parsed : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The statements of {@code document}: its {@code Statement} list, or its one statement, or the
   * document itself when it is a lone statement (Lambda's AddPermission returns one).
   */
  static List<JsonNode> statements(JsonNode document) {
    JsonNode statements = document.path("Statement");
    List<JsonNode> list = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else if (statements.isObject()) {
      list.add(statements);
    } else if (document.has("Effect")) {
      list.add(document);
    }
    return list;
  }

  /** The texts of a string-or-list field ({@code Action}, {@code Resource}, {@code AWS}). */
  static List<String> values(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      values.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  /** Whether a statement's {@code Condition} narrows a {@code "*"} principal. */
  static boolean narrowsPrincipal(JsonNode condition) {
    for (JsonNode operator : condition) {
      for (var keys = operator.fieldNames(); keys.hasNext(); ) {
        if (NARROWING_KEYS.contains(keys.next().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }
}
