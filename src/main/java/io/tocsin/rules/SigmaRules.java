package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.tocsin.config.YamlLocations;
import io.tocsin.rules.sigma.SigmaCompiler;
import io.tocsin.rules.sigma.SigmaUnsupportedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads SigmaHQ rule files found among the rule files: each YAML document of the file is compiled
 * by {@link SigmaCompiler} and then validated and compiled like a rule of a tocsin rule file. A
 * rule using a feature tocsin cannot run is refused with the reason, and the others still load.
 */
final class SigmaRules {

  private SigmaRules() {}

  /** Whether {@code text} is a Sigma rule file (its first document has a {@code detection}). */
  static boolean isSigma(String text) {
    try {
      return SigmaCompiler.isSigma(RuleLoader.tree(text));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The rules of the Sigma file {@code path}; refusals go to {@code refused} and errors of the
   * compiled entries to {@code errors}, each naming the file, the line of the document's {@code
   * detection} and the rule.
   */
  static RuleFileParser.Parsed load(
      Path path, String text, List<RuleError> errors, List<RuleError> refused) {
    RuleFile file = new RuleFile(path.toString(), YamlLocations.of(text), 0, errors);
    List<RuleFileParser.Located> rules = new ArrayList<>();
    List<JsonNode> docs;
    try (MappingIterator<JsonNode> it =
        RuleLoader.YAML.readerFor(JsonNode.class).readValues(text)) {
      docs = it.readAll();
    } catch (IOException e) {
      errors.add(RuleFileParser.yamlError(path.toString(), e));
      return new RuleFileParser.Parsed(file, rules, Map.of());
    }
    String name = path.getFileName().toString();
    String stem = name.substring(0, name.lastIndexOf('.'));
    for (int i = 0; i < docs.size(); i++) {
      JsonNode doc = docs.get(i);
      String docStem = docs.size() == 1 ? stem : stem + "-" + (i + 1);
      String id =
          "sigma '" + doc.path("title").asText("?") + "' (" + doc.path("id").asText("no id") + ")";
      SigmaCompiler.Compiled compiled;
      try {
        compiled = SigmaCompiler.compile(docStem, doc);
      } catch (SigmaUnsupportedException e) {
        List<RuleError> refusal = new ArrayList<>();
        file.document(i)
            .withErrors(refusal)
            .add("detection", id, null, "refused: " + e.getMessage(), null);
        refused.addAll(refusal);
        continue;
      }
      RuleScope scope = RuleScope.compiled(file.document(i), "detection", id);
      CompiledRule rule = RuleFileParser.compile(compiled.rule(), scope);
      if (rule != null) {
        rules.add(new RuleFileParser.Located(rule.withEventTest(compiled.test()), scope));
      }
    }
    return new RuleFileParser.Parsed(file, rules, Map.of());
  }
}
