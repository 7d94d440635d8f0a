package io.tocsin.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.PatternSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Parses and validates one rule file into compiled rules, collecting problems as it goes. */
final class RuleFileParser {

  /** Default window for folding repeats into one incident. */
  static final Duration DEFAULT_SUPPRESSION = Duration.ofMinutes(5);

  private static final JsonSchema SCHEMA = loadSchema();
  private static final Pattern RULE_PATH = Pattern.compile("^\\$\\.rules\\[(\\d+)](?:\\.(.*))?$");

  private RuleFileParser() {}

  /**
   * The valid rules of {@code text}; a problem line is added for each invalid one. The file's
   * {@code allowlists:} are compiled into {@code allowlists} (name to list).
   */
  static List<CompiledRule> parse(
      String file, String text, List<String> problems, Map<String, Allowlist> allowlists) {
    JsonNode tree;
    try {
      tree = RuleLoader.tree(text);
    } catch (IOException e) {
      problems.add(yamlProblem(file, e));
      return List.of();
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      problems.add(file + ": empty file; expected 'rules:' with a list of rules");
      return List.of();
    }
    int before = problems.size();
    for (ValidationMessage m : SCHEMA.validate(tree)) {
      problems.add(describe(file, tree, m));
    }
    if (problems.size() > before) {
      return List.of();
    }
    for (Map.Entry<String, JsonNode> list : tree.path("allowlists").properties()) {
      try {
        allowlists.put(list.getKey(), Allowlist.compile(list.getKey(), file, list.getValue()));
      } catch (IllegalArgumentException e) {
        problems.add(file + ": allowlist " + list.getKey() + ": " + e.getMessage());
      }
    }
    List<CompiledRule> rules = new ArrayList<>();
    for (JsonNode node : tree.path("rules")) {
      CompiledRule rule = compile(file, node, problems);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  /** Compiles one rule entry {@code node} of {@code file}; {@code null} after adding a problem. */
  static CompiledRule compile(String file, JsonNode node, List<String> problems) {
    String where = file + ": rule " + node.path("id").asText();
    Rule rule;
    try {
      rule = withDefaults(RuleLoader.YAML.treeToValue(node, Rule.class));
    } catch (JsonProcessingException e) {
      problems.add(where + ": " + firstLine(e));
      return null;
    }
    FilterPattern pattern;
    try {
      pattern = FilterPattern.compile(rule.pattern());
    } catch (PatternSyntaxException e) {
      problems.add(where + ": field pattern: " + e.getMessage());
      return null;
    }
    GroupKey groupKey;
    try {
      groupKey = GroupKey.compile(rule.groupBy(), rule.source(), pattern);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": field group_by: " + e.getMessage());
      return null;
    }
    if (rule.source() == Rule.Source.CLOUDTRAIL && !rule.logGroups().isEmpty()) {
      problems.add(where + ": field log_groups: only logs rules can be scoped to log groups");
      return null;
    }
    for (int i = 0; i < rule.tests().size(); i++) {
      JsonNode event = rule.tests().get(i).event();
      if (rule.source() == Rule.Source.CLOUDTRAIL && !event.isObject()) {
        problems.add(where + ": field tests[" + i + "].event: expected the CloudTrail event JSON");
        return null;
      }
      if (event.isObject() && rule.source() == Rule.Source.LOGS && !event.has("message")) {
        problems.add(where + ": field tests[" + i + "].event: expected a 'message'");
        return null;
      }
      String misuse = AlarmCompiler.exampleProblem(rule.kind(), rule.tests().get(i));
      if (misuse != null) {
        problems.add(where + ": field tests[" + i + "]." + misuse);
        return null;
      }
    }
    if (rule.kind() != Rule.Kind.MATCH || rule.alarm() != null) {
      return AlarmCompiler.compile(rule, node, file, pattern, groupKey, where, problems);
    }
    CompiledRule compiled = new CompiledRule(rule, file, pattern, groupKey);
    if (rule.conditions().isEmpty() && rule.allow().isEmpty()) {
      return compiled;
    }
    if (rule.source() != Rule.Source.CLOUDTRAIL || rule.kind() != Rule.Kind.MATCH) {
      problems.add(
          where + ": field conditions: only cloudtrail match rules have conditions and allow");
      return null;
    }
    try {
      return compiled.withConditions(ConditionSet.compile(rule));
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
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

  /** {@code file: rule ID: field PATH: message} for a schema violation. */
  private static String describe(String file, JsonNode tree, ValidationMessage m) {
    String path = m.getInstanceLocation().toString();
    String message = m.getMessage();
    int colon = message.indexOf(": ");
    if (colon > 0 && message.startsWith("$")) {
      message = message.substring(colon + 2);
    }
    if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
      message += KeyHints.didYouMean(m.getProperty());
    }
    Matcher rule = RULE_PATH.matcher(path);
    if (!rule.matches()) {
      return file + ": " + (path.equals("$") ? "" : "field " + path.substring(2) + ": ") + message;
    }
    int index = Integer.parseInt(rule.group(1));
    String id = tree.path("rules").path(index).path("id").asText("#" + (index + 1));
    String field = rule.group(2);
    return file + ": rule " + id + ": " + (field == null ? "" : "field " + field + ": ") + message;
  }

  /**
   * {@code file:LINE:COLUMN: not valid YAML: problem (context)} at the character SnakeYAML stopped
   * on, with the construct it was reading when it knows it; else the parser's first message line.
   */
  static String yamlProblem(String file, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        Mark at = yaml.getProblemMark();
        String context =
            yaml.getContext() == null || yaml.getContextMark() == null
                ? ""
                : " ("
                    + yaml.getContext()
                    + " at line "
                    + (yaml.getContextMark().getLine() + 1)
                    + ")";
        return file
            + ":"
            + (at.getLine() + 1)
            + ":"
            + (at.getColumn() + 1)
            + ": not valid YAML: "
            + yaml.getProblem()
            + context;
      }
    }
    return file + ": not valid YAML: " + firstLine(e);
  }

  private static String firstLine(Exception e) {
    String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    String location =
        e instanceof JsonProcessingException j && j.getLocation() != null
            ? " (line " + j.getLocation().getLineNr() + ")"
            : "";
    return message.lines().findFirst().orElse("syntax error") + location;
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
