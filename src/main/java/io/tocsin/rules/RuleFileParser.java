package io.tocsin.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tocsin.config.MappingProblem;
import io.tocsin.config.YamlLocations;
import io.tocsin.config.YamlSyntaxError;
import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.PatternSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates one rule file into compiled rules, collecting every problem as it goes: the
 * schema's violations of all rules, then the compile errors of each rule the schema accepted.
 */
final class RuleFileParser {

  /** Default window for folding repeats into one incident. */
  static final Duration DEFAULT_SUPPRESSION = Duration.ofMinutes(5);

  private static final JsonSchema SCHEMA = loadSchema();
  private static final Pattern RULE_PATH = Pattern.compile("^rules\\.(\\d+)(?:\\.(.*))?$");

  private RuleFileParser() {}

  /**
   * A rule file's valid rules, each with its place for later errors, and its allow-lists.
   *
   * @param file the file, for errors found after parsing (bad references, duplicates)
   * @param rules the rules that compiled
   * @param allowlists the allow-lists that compiled, by name
   */
  record Parsed(RuleFile file, List<Located> rules, Map<String, Allowlist> allowlists) {}

  /** A compiled rule and where it is written. */
  record Located(CompiledRule rule, RuleScope scope) {}

  /** Parses {@code text} of the file {@code name}; every problem goes to {@code errors}. */
  static Parsed parse(String name, String text, List<RuleError> errors) {
    RuleFile file = new RuleFile(name, YamlLocations.of(text), 0, errors);
    Parsed empty = new Parsed(file, List.of(), Map.of());
    JsonNode tree;
    try {
      tree = RuleLoader.tree(text);
    } catch (IOException e) {
      errors.add(yamlError(name, e));
      return empty;
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      file.add("", null, null, "empty file; expected 'rules:' with a list of rules", null);
      return empty;
    }
    Set<String> refused = new TreeSet<>();
    for (ValidationMessage m : SCHEMA.validate(tree)) {
      refused.add(SchemaMessages.report(file, tree, m));
    }
    if (refused.contains("")) {
      return empty;
    }
    Map<String, Allowlist> allowlists = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> list : tree.path("allowlists").properties()) {
      String path = "allowlists." + list.getKey();
      if (refused.stream().anyMatch(r -> r.equals(path) || r.startsWith(path + "."))) {
        continue;
      }
      try {
        allowlists.put(list.getKey(), Allowlist.compile(list.getKey(), name, list.getValue()));
      } catch (IllegalArgumentException e) {
        String[] split = RuleError.fieldAndMessage(e.getMessage());
        String field = split[0] == null ? path : path + "." + split[0];
        file.add(field, null, field, split[1], null);
      }
    }
    List<Located> rules = new ArrayList<>();
    for (int i = 0; i < tree.path("rules").size(); i++) {
      if (refused.contains("rules." + i)) {
        continue;
      }
      JsonNode node = tree.path("rules").path(i);
      RuleScope scope = RuleScope.written(file, "rules." + i, ruleId(node, i));
      CompiledRule rule = compile(node, scope);
      if (rule != null) {
        rules.add(new Located(rule, scope));
      }
    }
    return new Parsed(file, rules, allowlists);
  }

  /** The id of rule entry {@code node}, or {@code #N} (1-based) when it has none. */
  static String ruleId(JsonNode node, int index) {
    return node.path("id").isTextual() ? node.path("id").asText() : "#" + (index + 1);
  }

  /**
   * The part of the file a schema error at {@code dottedPath} spoils: {@code rules.N} for a rule's,
   * {@code allowlists.NAME…} for a list's, "" for the file's structure.
   */
  static String owner(String dottedPath) {
    Matcher rule = RULE_PATH.matcher(dottedPath);
    if (rule.matches()) {
      return "rules." + rule.group(1);
    }
    return dottedPath.equals("rules") || dottedPath.isEmpty() ? "" : dottedPath;
  }

  /** Compiles one rule entry {@code node}; {@code null} after adding its problems to scope. */
  static CompiledRule compile(JsonNode node, RuleScope scope) {
    String file = scope.file().name();
    Rule rule;
    try {
      rule = withDefaults(RuleLoader.YAML.treeToValue(node, Rule.class));
    } catch (JsonProcessingException e) {
      MappingProblem problem = MappingProblem.of(e, node);
      scope.add(
          problem.path().isEmpty() ? null : problem.path(), problem.message(), problem.hint());
      return null;
    }
    FilterPattern pattern = null;
    try {
      pattern = FilterPattern.compile(rule.pattern());
    } catch (PatternSyntaxException e) {
      scope.add("pattern", e.getMessage(), null);
    }
    GroupKey groupKey = null;
    if (pattern != null) {
      try {
        groupKey = GroupKey.compile(rule.groupBy(), rule.source(), pattern);
      } catch (IllegalArgumentException e) {
        scope.add("group_by", e.getMessage(), GroupKey.didYouMean(rule.groupBy(), rule.source()));
      }
    }
    if (rule.source() == Rule.Source.CLOUDTRAIL && !rule.logGroups().isEmpty()) {
      scope.add("log_groups", "only logs rules can be scoped to log groups", null);
    }
    checkExamples(rule, scope);
    boolean conditional = !rule.conditions().isEmpty() || !rule.allow().isEmpty();
    if (conditional
        && (rule.source() != Rule.Source.CLOUDTRAIL || rule.kind() != Rule.Kind.MATCH)) {
      scope.add("conditions", "only cloudtrail match rules have conditions and allow", null);
    }
    if (scope.added() > 0) {
      return null;
    }
    if (rule.kind() != Rule.Kind.MATCH || rule.alarm() != null) {
      return AlarmCompiler.compile(rule, node, file, pattern, groupKey, scope);
    }
    CompiledRule compiled = new CompiledRule(rule, file, pattern, groupKey);
    if (!conditional) {
      return compiled;
    }
    try {
      return compiled.withConditions(ConditionSet.compile(rule));
    } catch (IllegalArgumentException e) {
      scope.add(e.getMessage());
      return null;
    }
  }

  private static void checkExamples(Rule rule, RuleScope scope) {
    for (int i = 0; i < rule.tests().size(); i++) {
      JsonNode event = rule.tests().get(i).event();
      String field = "tests[" + i + "]";
      if (rule.source() == Rule.Source.CLOUDTRAIL && !event.isObject()) {
        scope.add(field + ".event", "expected the CloudTrail event JSON", null);
      } else if (event.isObject() && rule.source() == Rule.Source.LOGS && !event.has("message")) {
        scope.add(field + ".event", "expected a 'message'", null);
      }
      String misuse = AlarmCompiler.exampleProblem(rule.kind(), rule.tests().get(i));
      if (misuse != null) {
        scope.add("field " + field + "." + misuse);
      }
    }
  }

  private static Rule withDefaults(Rule r) {
    List<String> groupBy =
        !r.groupBy().isEmpty()
            ? r.groupBy()
            : r.source() == Rule.Source.LOGS
                ? List.of("log_group")
                : List.of("principal", "account");
    return new Rule(
        r.id(),
        r.title(),
        r.description() == null ? "" : r.description(),
        r.source(),
        r.kind() == null ? Rule.Kind.MATCH : r.kind(),
        r.pattern(),
        r.logGroups(),
        groupBy,
        r.severity(),
        r.tags(),
        r.runbook(),
        r.suppression() == null ? DEFAULT_SUPPRESSION : r.suppression(),
        r.labels(),
        r.tests(),
        r.conditions(),
        r.allow(),
        r.supersedes(),
        r.alarm() == null ? null : r.alarm().withDefaults());
  }

  /**
   * The error of a file that is not valid YAML, at the line and column of the character SnakeYAML
   * stopped on, with the construct it was reading.
   */
  static RuleError yamlError(String file, IOException e) {
    YamlSyntaxError syntax = YamlSyntaxError.of(e);
    return new RuleError(file, syntax.line(), syntax.column(), null, null, syntax.message(), null);
  }

  private static JsonSchema loadSchema() {
    try (InputStream in =
        RuleFileParser.class.getClassLoader().getResourceAsStream("rules/rule-file.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
