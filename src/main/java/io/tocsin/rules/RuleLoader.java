package io.tocsin.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.config.DurationModule;
import io.tocsin.config.Spelling;
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
 * error found is reported at once in a {@link RuleException}, each as a {@link RuleError} placed at
 * its file, line and column. SigmaHQ rule files among them are compiled by {@link SigmaRules}; a
 * Sigma rule tocsin cannot run is refused with its reason.
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
    List<RuleError> errors = new ArrayList<>();
    Map<String, RuleFileParser.Located> rules = new LinkedHashMap<>();
    Map<String, Allowlist> allowlists = new LinkedHashMap<>();
    if (includeDefaults) {
      for (String name : defaultPackFiles()) {
        String file = "classpath:" + DEFAULT_PACK + name;
        RuleFileParser.Parsed parsed =
            RuleFileParser.parse(file, resource(DEFAULT_PACK + name), errors);
        parsed.rules().forEach(r -> rules.put(r.rule().id(), r));
        allowlists.putAll(parsed.allowlists());
      }
    }
    List<RuleError> refused = new ArrayList<>();
    Map<String, RuleScope> userIds = new LinkedHashMap<>();
    Map<String, RuleFile> userLists = new LinkedHashMap<>();
    for (Path path : files(dirs, errors)) {
      String text = read(path, errors);
      if (text == null) {
        continue;
      }
      RuleFileParser.Parsed parsed =
          SigmaRules.isSigma(text)
              ? SigmaRules.load(path, text, errors, refused)
              : RuleFileParser.parse(path.toString(), text, errors);
      for (RuleFileParser.Located rule : parsed.rules()) {
        String id = rule.rule().id();
        RuleScope earlier = userIds.putIfAbsent(id, rule.scope());
        if (earlier != null) {
          rule.scope().add("id", "duplicate; also in " + earlier.place("id"), null);
        } else if (rules.put(id, rule) != null) {
          LOG.info("rule {} from {} overrides the default rule", id, path);
        }
      }
      for (Allowlist list : parsed.allowlists().values()) {
        String at = "allowlists." + list.name();
        RuleFile earlier = userLists.putIfAbsent(list.name(), parsed.file());
        if (earlier != null) {
          parsed.file().add(at, null, at, "duplicate; also in " + earlier.place(at), null);
        } else if (allowlists.put(list.name(), list) != null) {
          LOG.info("allow-list {} from {} replaces the default one", list.name(), path);
        }
      }
    }
    List<CompiledRule> bound = bind(rules.values(), allowlists);
    if (!errors.isEmpty()) {
      throw new RuleException(errors);
    }
    refused.forEach(r -> LOG.warn("{}", r.text()));
    return new RuleSet(bound, refused);
  }

  /** The rules with their allow-lists resolved; unknown allow-lists and rule ids are errors. */
  private static List<CompiledRule> bind(
      Collection<RuleFileParser.Located> rules, Map<String, Allowlist> allowlists) {
    Set<String> ids = rules.stream().map(r -> r.rule().id()).collect(Collectors.toSet());
    List<CompiledRule> bound = new ArrayList<>();
    for (RuleFileParser.Located located : rules) {
      CompiledRule rule = located.rule();
      List<String> supersedes = rule.rule().supersedes();
      for (int i = 0; i < supersedes.size(); i++) {
        String superseded = supersedes.get(i);
        if (!ids.contains(superseded) || superseded.equals(rule.id())) {
          located
              .scope()
              .add(
                  "supersedes[" + i + "]",
                  "no other rule has the id '" + superseded + "'",
                  Spelling.didYouMean(superseded, ids));
        }
      }
      KeyedCondition keyed = rule.conditions().keyed();
      if (keyed != null && keyed.after() != null) {
        String first =
            SequenceRules.problem(
                keyed.after().rule(), rule, rules.stream().map(r -> r.rule()).toList());
        if (first != null) {
          located
              .scope()
              .add("conditions.after.rule", first, Spelling.didYouMean(keyed.after().rule(), ids));
        }
      }
      try {
        bound.add(rule.withConditions(rule.conditions().bind(rule.rule(), allowlists)));
      } catch (IllegalArgumentException e) {
        located.scope().add(e.getMessage());
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

  private static List<Path> files(List<Path> dirs, List<RuleError> errors) {
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      if (Files.isRegularFile(dir)) {
        files.add(dir);
        continue;
      }
      if (!Files.isDirectory(dir)) {
        errors.add(RuleError.ofFile(dir.toString(), "no such rule directory or file"));
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        errors.add(RuleError.ofFile(dir.toString(), "cannot list: " + e.getMessage()));
      }
    }
    return files;
  }

  private static String read(Path file, List<RuleError> errors) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      errors.add(RuleError.ofFile(file.toString(), "cannot read: " + e.getMessage()));
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
