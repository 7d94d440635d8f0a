package io.tocsin.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.config.DurationModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads rule files: the default pack shipped in the jar, then every {@code *.yaml}/{@code *.yml}
 * file of the given directories (a user rule with a default rule's id replaces it, and so does a
 * user allow-list with a default list's name). Each file is checked against {@code
 * rule-file.schema.json}, then each rule is compiled and bound to the allow-lists it names; every
 * problem found is reported at once in a {@link RuleException}. SigmaHQ rule files among them are
 * compiled by {@link SigmaRules}; a Sigma rule tocsin cannot run is refused with its reason.
 */
public final class RuleLoader {

  private static final Logger LOG = LoggerFactory.getLogger(RuleLoader.class);
  private static final String DEFAULT_PACK = "rules/default/";

  static final ObjectMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new DurationModule())
          .build();

  private RuleLoader() {}

  /** The default pack plus the rules in {@code dirs}. */
  public static RuleSet load(List<Path> dirs) {
    return load(dirs, true);
  }

  /** The rules in {@code dirs}, with or without the default pack. */
  public static RuleSet load(List<Path> dirs, boolean includeDefaults) {
    List<String> problems = new ArrayList<>();
    Map<String, CompiledRule> rules = new LinkedHashMap<>();
    Map<String, Allowlist> allowlists = new LinkedHashMap<>();
    if (includeDefaults) {
      for (String name : defaultPackFiles()) {
        String file = "classpath:" + DEFAULT_PACK + name;
        for (CompiledRule rule :
            RuleFileParser.parse(file, resource(DEFAULT_PACK + name), problems, allowlists)) {
          rules.put(rule.id(), rule);
        }
      }
    }
    List<String> refused = new ArrayList<>();
    Map<String, String> userIds = new LinkedHashMap<>();
    Map<String, Allowlist> userLists = new LinkedHashMap<>();
    for (Path file : files(dirs, problems)) {
      String text = read(file, problems);
      if (text == null) {
        continue;
      }
      Map<String, Allowlist> lists = new LinkedHashMap<>();
      List<CompiledRule> parsed =
          SigmaRules.isSigma(text)
              ? SigmaRules.load(file, text, problems, refused)
              : RuleFileParser.parse(file.toString(), text, problems, lists);
      for (CompiledRule rule : parsed) {
        String earlier = userIds.putIfAbsent(rule.id(), rule.file());
        if (earlier != null) {
          problems.add(file + ": rule " + rule.id() + ": field id: duplicate; also in " + earlier);
        } else if (rules.put(rule.id(), rule) != null) {
          LOG.info("rule {} from {} overrides the default rule", rule.id(), file);
        }
      }
      for (Allowlist list : lists.values()) {
        Allowlist earlier = userLists.putIfAbsent(list.name(), list);
        if (earlier != null) {
          problems.add(
              file + ": allowlist " + list.name() + ": duplicate; also in " + earlier.file());
        } else if (allowlists.put(list.name(), list) != null) {
          LOG.info("allow-list {} from {} replaces the default one", list.name(), file);
        }
      }
    }
    List<CompiledRule> bound = bind(rules.values(), allowlists, problems);
    if (!problems.isEmpty()) {
      throw new RuleException(problems);
    }
    refused.forEach(LOG::warn);
    return new RuleSet(bound, refused);
  }

  /** The rules with their allow-lists resolved; unknown allow-lists and rule ids are problems. */
  private static List<CompiledRule> bind(
      Collection<CompiledRule> rules, Map<String, Allowlist> allowlists, List<String> problems) {
    Set<String> ids = rules.stream().map(CompiledRule::id).collect(Collectors.toSet());
    List<CompiledRule> bound = new ArrayList<>();
    for (CompiledRule rule : rules) {
      String where = rule.file() + ": rule " + rule.id() + ": ";
      for (String superseded : rule.rule().supersedes()) {
        if (!ids.contains(superseded) || superseded.equals(rule.id())) {
          problems.add(where + "field supersedes: no other rule has the id '" + superseded + "'");
        }
      }
      KeyedCondition keyed = rule.conditions().keyed();
      if (keyed != null && keyed.after() != null) {
        String first = SequenceRules.problem(keyed.after().rule(), rule, rules);
        if (first != null) {
          problems.add(where + "field conditions.after.rule: " + first);
        }
      }
      try {
        bound.add(rule.withConditions(rule.conditions().bind(rule.rule(), allowlists)));
      } catch (IllegalArgumentException e) {
        problems.add(where + e.getMessage());
      }
    }
    return bound;
  }

  private static List<String> defaultPackFiles() {
    return resource(DEFAULT_PACK + "pack.txt")
        .lines()
        .map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static List<Path> files(List<Path> dirs, List<String> problems) {
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      if (Files.isRegularFile(dir)) {
        files.add(dir);
        continue;
      }
      if (!Files.isDirectory(dir)) {
        problems.add(dir + ": no such rule directory or file");
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        problems.add(dir + ": cannot list: " + e.getMessage());
      }
    }
    return files;
  }

  private static String read(Path file, List<String> problems) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      problems.add(file + ": cannot read: " + e.getMessage());
      return null;
    }
  }

  private static String resource(String name) {
    try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " in the tocsin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one YAML text into a tree, for the parser. */
  static JsonNode tree(String text) throws IOException {
    return YAML.readTree(text);
  }
}
