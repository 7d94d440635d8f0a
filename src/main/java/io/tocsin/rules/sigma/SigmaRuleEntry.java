package io.tocsin.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tocsin rule-file entry of a Sigma rule: what the rule loader validates and compiles like any
 * rule of a YAML rule file, so a Sigma rule alerts, routes and is listed like the others.
 */
final class SigmaRuleEntry {

  private static final Pattern TECHNIQUE = Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)");
  private static final Pattern TIMEFRAME = Pattern.compile("\\d+[smhd]");

  private SigmaRuleEntry() {}

  /** The entry of the rule {@code doc} from the file named {@code stem}. */
  static ObjectNode of(String stem, JsonNode doc, SigmaAggregation aggregation) {
    ObjectNode rule = SigmaCompiler.object();
    rule.put("id", id(stem));
    rule.put("title", doc.path("title").asText(stem));
    rule.put("description", description(doc));
    rule.put("source", "cloudtrail");
    rule.put("pattern", SigmaCompiler.PATTERN);
    rule.put("severity", severity(doc.path("level").asText("medium")));
    ArrayNode tags = rule.putArray("tags");
    tags.add("sigma");
    for (JsonNode tag : doc.path("tags")) {
      String text = tag.asText().toLowerCase(Locale.ROOT);
      var technique = TECHNIQUE.matcher(text);
      tags.add(technique.matches() ? technique.group(1).toUpperCase(Locale.ROOT) : text);
    }
    for (JsonNode reference : doc.path("references")) {
      if (reference.asText().startsWith("https://")) {
        rule.put("runbook", reference.asText());
        break;
      }
    }
    if (aggregation != null) {
      String timeframe = doc.path("detection").path("timeframe").asText("");
      if (!TIMEFRAME.matcher(timeframe).matches()) {
        throw new SigmaUnsupportedException(
            "aggregation without a timeframe of the form 10m (got '" + timeframe + "')");
      }
      rule.put("kind", "threshold");
      ArrayNode groupBy = rule.putArray("group_by");
      if (aggregation.by().isEmpty()) {
        groupBy.add("account");
      }
      aggregation.by().forEach(field -> groupBy.add("$." + field));
      ObjectNode alarm = rule.putObject("alarm");
      alarm.put("statistic", "count");
      alarm.put("comparison", aggregation.comparison());
      alarm.put("threshold", aggregation.threshold());
      alarm.put("period", timeframe);
    }
    return rule;
  }

  /** {@code sigma-} and the file name in the characters a rule id allows. */
  static String id(String stem) {
    String id = "sigma-" + stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
    return id.length() > 100 ? id.substring(0, 100) : id;
  }

  private static String severity(String level) {
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "informational" -> "info";
      case "low", "medium", "high", "critical" -> level.toLowerCase(Locale.ROOT);
      default -> throw new SigmaUnsupportedException("level '" + level + "'");
    };
  }

  private static String description(JsonNode doc) {
    StringBuilder text = new StringBuilder(doc.path("description").asText("").trim());
    List<String> falsePositives = texts(doc.path("falsepositives"));
    if (!falsePositives.isEmpty()) {
      text.append("\n\nFalse positives: ").append(String.join("; ", falsePositives));
    }
    List<String> references = texts(doc.path("references"));
    if (!references.isEmpty()) {
      text.append("\n\nReferences: ").append(String.join(" ", references));
    }
    text.append("\n\nSigma rule ")
        .append(doc.path("id").asText("without id"))
        .append(" (")
        .append(doc.path("status").asText("no status"))
        .append(") by ")
        .append(doc.path("author").asText("an unnamed author"))
        .append(", released under the Detection Rule License 1.1.");
    return text.toString();
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(item -> out.add(item.asText().trim()));
    } else if (list.isTextual()) {
      out.add(list.asText().trim());
    }
    return out;
  }
}
