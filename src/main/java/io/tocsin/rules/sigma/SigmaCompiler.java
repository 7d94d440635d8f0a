package io.tocsin.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.rules.EventTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Compiles one SigmaHQ rule (logsource product {@code aws}, service {@code cloudtrail}) into a
 * tocsin rule: the rule-file entry it amounts to (id {@code sigma-<file name>}, {@code level} as
 * severity, ATT&amp;CK tags as technique ids, description with false positives, references and
 * author) and the detection as an {@link EventTest}. An aggregation {@code | count() … > N} with a
 * {@code timeframe} becomes a threshold rule counting the detection's events. What tocsin cannot
 * run exactly is refused with a {@link SigmaUnsupportedException} naming the feature.
 */
public final class SigmaCompiler {

  /** Every CloudTrail record has an {@code eventName}: the pattern admits all, the test decides. */
  static final String PATTERN = "{ $.eventName = * }";

  /** A compiled Sigma rule: its rule-file entry and its detection. */
  public record Compiled(ObjectNode rule, EventTest test) {}

  private SigmaCompiler() {}

  /** Whether the YAML document {@code doc} is a Sigma rule rather than a tocsin rule file. */
  public static boolean isSigma(JsonNode doc) {
    return doc != null && (doc.has("detection") || doc.has("correlation")) && !doc.has("rules");
  }

  /** Compiles {@code doc}, the rule of the file named {@code stem} (without extension). */
  public static Compiled compile(String stem, JsonNode doc) {
    if (doc.has("correlation")) {
      throw new SigmaUnsupportedException(
          "correlation rule (" + doc.path("correlation").path("type").asText("?") + ")");
    }
    checkLogsource(doc.path("logsource"));
    JsonNode detection = doc.path("detection");
    Map<String, Predicate<JsonNode>> searches = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : detection.properties()) {
      if (!entry.getKey().equals("condition") && !entry.getKey().equals("timeframe")) {
        searches.put(entry.getKey(), SigmaSearch.compile(entry.getKey(), entry.getValue()));
      }
    }
    List<String> conditions = conditions(detection.path("condition"));
    SigmaAggregation aggregation = null;
    Predicate<JsonNode> detect = null;
    for (String condition : conditions) {
      int bar = condition.indexOf('|');
      if (bar >= 0) {
        if (conditions.size() > 1) {
          throw new SigmaUnsupportedException("an aggregation in a list of conditions");
        }
        aggregation = SigmaAggregation.parse(condition.substring(bar + 1));
        condition = condition.substring(0, bar);
      }
      Predicate<JsonNode> one = SigmaCondition.parse(condition, searches);
      detect = detect == null ? one : detect.or(one);
    }
    if (aggregation == null && detection.has("timeframe")) {
      throw new SigmaUnsupportedException(
          "timeframe without an aggregation (a correlation of several events within "
              + detection.path("timeframe").asText()
              + "; the condition alone judges one event)");
    }
    Predicate<JsonNode> compiled = detect;
    return new Compiled(SigmaRuleEntry.of(stem, doc, aggregation), compiled::test);
  }

  private static void checkLogsource(JsonNode logsource) {
    String product = logsource.path("product").asText("").toLowerCase(Locale.ROOT);
    String service = logsource.path("service").asText("").toLowerCase(Locale.ROOT);
    if (!product.equals("aws") || !service.equals("cloudtrail")) {
      throw new SigmaUnsupportedException(
          "logsource product '"
              + product
              + "' service '"
              + service
              + "' (tocsin runs product aws, service cloudtrail)");
    }
  }

  private static List<String> conditions(JsonNode condition) {
    if (condition.isTextual() && !condition.asText().isBlank()) {
      return List.of(condition.asText());
    }
    if (condition.isArray() && condition.size() > 0) {
      return java.util.stream.StreamSupport.stream(condition.spliterator(), false)
          .map(JsonNode::asText)
          .toList();
    }
    throw new SigmaUnsupportedException("detection without a condition");
  }

  /** A fresh JSON object, for the rule entry. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
