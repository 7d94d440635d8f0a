package io.tocsin.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Keeps a message under a sink's size limit by shrinking the alert part of it, least useful first:
 * long samples are cut, then samples dropped, then the rule context dropped, then the summary cut.
 * Works on the alert's JSON fields ({@code samples}, {@code context}, {@code summary}).
 */
public final class MessageBudget {

  /** The length long texts are cut to. */
  public static final int TRIMMED_TEXT_CHARS = 1000;

  private static final List<Consumer<ObjectNode>> STEPS =
      List.of(
          MessageBudget::shortenSamples,
          alert -> alert.put("samplesTrimmed", size(alert.remove("samples"))),
          alert -> alert.put("contextTrimmed", alert.remove("context") != null),
          alert ->
              alert.put("summary", truncate(alert.path("summary").asText(), TRIMMED_TEXT_CHARS)));

  private MessageBudget() {}

  /**
   * Shrinks {@code alert} in place, step by step, while {@code messageBytes} (the size of the whole
   * message it is part of) is at least {@code maxBytes}.
   */
  public static void fit(ObjectNode alert, IntSupplier messageBytes, int maxBytes) {
    for (int i = 0; i < STEPS.size() && messageBytes.getAsInt() >= maxBytes; i++) {
      STEPS.get(i).accept(alert);
    }
  }

  /** {@code text} cut to at most {@code max} characters, ending in '…' when cut. */
  public static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  private static void shortenSamples(ObjectNode alert) {
    if (alert.get("samples") instanceof ArrayNode samples) {
      for (int i = 0; i < samples.size(); i++) {
        samples.set(i, TextNode.valueOf(truncate(samples.get(i).asText(), TRIMMED_TEXT_CHARS)));
      }
    }
  }

  private static int size(JsonNode removed) {
    return removed == null ? 0 : removed.size();
  }
}
