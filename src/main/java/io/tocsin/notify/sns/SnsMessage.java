package io.tocsin.notify.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.notify.MessageBudget;
import io.tocsin.notify.Notification;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SNS form of a notification. Published with {@code MessageStructure=json}: email subscribers
 * get the {@code email} text; every other protocol (SQS, Lambda, HTTP, email-json) gets the {@code
 * default} JSON: {@code {"notification": "trigger|resolve|summary", "receiver": …, "alert": <the
 * alert as on tocsin.alerts.v1>, "group": <for summaries, what was folded>}}. The subject is at
 * most 100 printable ASCII characters; the message stays under SNS's 256 KB limit.
 *
 * @param subject the email subject
 * @param message the JSON object with {@code default} and {@code email} keys
 * @param attributes severity, rule, account and status, for subscription filter policies
 */
record SnsMessage(String subject, String message, Map<String, String> attributes) {

  /** SNS's limit on the subject. */
  static final int MAX_SUBJECT_CHARS = 100;

  /** Below SNS's 262,144-byte limit, leaving room for the attributes. */
  static final int MAX_MESSAGE_BYTES = 250_000;

  /** The SNS form of {@code n}. */
  static SnsMessage of(Notification n) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("notification", n.kind().label());
    body.put("receiver", n.receiver());
    ObjectNode alert = body.putObject("alert");
    alert.setAll((ObjectNode) Json.MAPPER.valueToTree(n.alert()));
    if (n.group() != null) {
      body.set("group", Json.MAPPER.valueToTree(n.group()));
    }
    String email = EmailText.of(n);
    MessageBudget.fit(alert, () -> bytes(structure(body, email)), MAX_MESSAGE_BYTES);
    return new SnsMessage(subject(n), structure(body, email), attributes(n.alert()));
  }

  private static String structure(ObjectNode body, String email) {
    ObjectNode structure = Json.MAPPER.createObjectNode();
    structure.put("default", write(body));
    structure.put("email", email);
    return write(structure);
  }

  /** {@code [FIRING] HIGH: title} (or RESOLVED, or the group count), as printable ASCII. */
  static String subject(Notification n) {
    String state =
        switch (n.kind()) {
          case TRIGGER -> "FIRING";
          case RESOLVE -> "RESOLVED";
          case SUMMARY -> "+" + n.group().changes() + " FIRING";
        };
    String text =
        "["
            + state
            + "] "
            + n.alert().rule().severity().label().toUpperCase(Locale.ROOT)
            + ": "
            + n.alert().title();
    String ascii = asciiPrintable(text);
    return ascii.length() <= MAX_SUBJECT_CHARS
        ? ascii
        : ascii.substring(0, MAX_SUBJECT_CHARS - 3) + "...";
  }

  /** Replaces what is not printable ASCII: accents dropped, dashes and quotes plain, rest '?'. */
  static String asciiPrintable(String text) {
    String plain =
        Normalizer.normalize(text, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .replaceAll("[\\u2010-\\u2015]", "-")
            .replaceAll("[\\u2018\\u2019]", "'")
            .replaceAll("[\\u201C\\u201D]", "\"")
            .replaceAll("\\s+", " ");
    StringBuilder out = new StringBuilder(plain.length());
    plain.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return out.toString().strip();
  }

  private static Map<String, String> attributes(Alert alert) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("severity", alert.rule().severity().label());
    a.put("rule", alert.rule().id());
    Alert.Resource r = alert.resource();
    if (r != null && r.account() != null && !r.account().isBlank()) {
      a.put("account", r.account());
    }
    a.put("status", alert.status().label());
    return a;
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an SNS message", e);
    }
  }
}
