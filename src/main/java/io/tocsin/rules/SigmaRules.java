package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.tocsin.rules.sigma.SigmaCompiler;
import io.tocsin.rules.sigma.SigmaUnsupportedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
   * The rules of the Sigma file {@code file}; refusals go to {@code refused} and schema problems of
   * the compiled entries to {@code problems}, each naming the file and the rule.
   */
  static List<CompiledRule> load(
      Path file, String text, List<String> problems, List<String> refused) {
    List<CompiledRule> rules = new ArrayList<>();
    List<JsonNode> docs;
    try (MappingIterator<JsonNode> it =
        RuleLoader.YAML.readerFor(JsonNode.class).readValues(text)) {
      docs = it.readAll();
    } catch (IOException e) {
      problems.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
      return rules;
    }
    String name = file.getFileName().toString();
    String stem = name.substring(0, name.lastIndexOf('.'));
    for (int i = 0; i < docs.size(); i++) {
      JsonNode doc = docs.get(i);
      String docStem = docs.size() == 1 ? stem : stem + "-" + (i + 1);
      String where =
          file
              + ": sigma rule '"
              + doc.path("title").asText("?")
              + "' ("
              + doc.path("id").asText("no id")
              + ")";
      SigmaCompiler.Compiled compiled;
      try {
        compiled = SigmaCompiler.compile(docStem, doc);
      } catch (SigmaUnsupportedException e) {
        refused.add(where + ": refused: " + e.getMessage());
        continue;
      }
      CompiledRule rule = RuleFileParser.compile(file.toString(), compiled.rule(), problems);
      if (rule != null) {
        rules.add(rule.withEventTest(compiled.test()));
      }
    }
    return rules;
  }
}
