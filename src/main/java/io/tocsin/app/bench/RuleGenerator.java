package io.tocsin.app.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rule packs of any size in the shapes of the default pack, for the rule-scaling figure: per ten
 * rules, four term rules and one JSON and one space-delimited rule over logs, and four CIS-style
 * JSON rules over CloudTrail. Each rule has its own literals, as a real pack's would; three rules
 * in fifty are default-pack patterns (a Lambda timeout, API 5xx, failed console logins), and a
 * quarter of the CloudTrail rules name a risky call by a kind of identity, so that some rules of
 * every pack match the sample traffic.
 */
final class RuleGenerator {

  private static final String[] SERVICES = {
    "orders", "billing", "payments", "inventory", "auth", "search", "shipping", "catalog"
  };
  private static final String[] FAILURES = {"Exception", "Error", "Timeout", "Rejected"};
  private static final String[] EVENT_SOURCES = {
    "iam", "s3", "ec2", "kms", "lambda", "rds", "secretsmanager", "ssm", "sns", "sqs"
  };
  private static final String[] VERBS = {
    "Create", "Delete", "Put", "Update", "Attach", "Detach", "Modify", "Disable"
  };
  private static final String[] NOUNS = {
    "Policy", "Role", "Bucket", "Key", "Trail", "SecurityGroup", "Snapshot", "Secret", "Topic"
  };
  private static final String[] IDENTITIES = {"IAMUser", "Root", "AssumedRole", "FederatedUser"};
  private static final String[] RISKY_CALLS = {
    "CreateAccessKey", "AttachUserPolicy", "AttachRolePolicy", "DeleteFunction", "StopLogging",
    "AuthorizeSecurityGroupIngress", "DisableKey", "PutBucketAcl", "CreateUser", "StopInstances"
  };

  private RuleGenerator() {}

  /** A rule set of {@code count} generated rules (no default pack), loaded through files. */
  static RuleSet load(int count, Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("generated-" + count + ".yaml");
      new YAMLMapper().writeValue(file.toFile(), Map.of("rules", rules(count)));
      return RuleLoader.load(List.of(file), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write generated rules under " + dir, e);
    }
  }

  /** The rules, as rule-file maps. */
  static List<Map<String, Object>> rules(int count) {
    List<Map<String, Object>> rules = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int shape = i % 10;
      if (shape < 4) {
        rules.add(rule(i, "logs", termPattern(i), i % 2 == 0 ? "/aws/lambda/*" : null));
      } else if (shape == 4) {
        rules.add(rule(i, "logs", jsonLogPattern(i), "/aws/apigateway/*"));
      } else if (shape == 5) {
        rules.add(rule(i, "logs", delimitedPattern(i), "/aws/lambda/*"));
      } else {
        rules.add(rule(i, "cloudtrail", cloudTrailPattern(i), null));
      }
    }
    return rules;
  }

  private static Map<String, Object> rule(int i, String source, String pattern, String logGroup) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", String.format(Locale.ROOT, "gen-%s-%04d", source, i));
    rule.put("title", "Generated " + source + " rule " + i);
    rule.put("source", source);
    rule.put("pattern", pattern);
    if (logGroup != null) {
      rule.put("log_groups", List.of(logGroup));
    }
    rule.put("severity", i % 3 == 0 ? "high" : "medium");
    return rule;
  }

  private static String termPattern(int i) {
    String service = SERVICES[i % SERVICES.length];
    String failure = FAILURES[(i / 10) % FAILURES.length];
    if (i % 50 == 0) {
      return "\"Task timed out after\"";
    }
    return switch ((i / 10) % 4) {
      case 0 -> "\"" + service + failure + i + "\"";
      case 1 ->
          "?\"" + capital(service) + failure + i + "\" ?\"" + service + " failed code " + i + "\"";
      case 2 -> "ERROR \"" + service + "-" + i + "\" -DEBUG";
      default -> "?\"" + service + " unavailable " + i + "\" ?\"retries exhausted " + i + "\"";
    };
  }

  private static String jsonLogPattern(int i) {
    return i % 50 == 4
        ? "{ $.status = \"5*\" && $.routeKey = \"POST /orders\" }"
        : "{ $.status = \"5"
            + String.format(Locale.ROOT, "%02d", i % 100)
            + "\" && $.routeKey = \"POST /"
            + SERVICES[i % SERVICES.length]
            + i
            + "\" }";
  }

  private static String delimitedPattern(int i) {
    return (i / 10) % 2 == 0
        ? "[type = REPORT, label, request_id, duration_label, duration > " + (2500 + i) + ", ...]"
        : "[time, request_id, level = ERROR, kind = \"*"
            + capital(SERVICES[i % SERVICES.length])
            + i
            + "*\", ...]";
  }

  private static String cloudTrailPattern(int i) {
    String source = EVENT_SOURCES[i % EVENT_SOURCES.length] + ".amazonaws.com";
    String noun = NOUNS[(i / 10) % NOUNS.length];
    String verb = VERBS[i % VERBS.length];
    if (i % 50 == 6) {
      return "{($.eventName=ConsoleLogin) && ($.errorMessage=\"Failed authentication\")}";
    }
    return switch (i % 4) {
      case 0, 1 ->
          "{($.eventSource="
              + source
              + ") && (($.eventName="
              + verb
              + noun
              + i
              + ") || ($.eventName="
              + VERBS[(i + 3) % VERBS.length]
              + noun
              + i
              + "))}";
      case 2 ->
          "{($.eventName="
              + RISKY_CALLS[(i / 4) % RISKY_CALLS.length]
              + ") && ($.userIdentity.type = \""
              + IDENTITIES[(i / 40) % IDENTITIES.length]
              + "\") && ($.awsRegion != \"eu-west-"
              + i
              + "\")}";
      default ->
          "{ $.errorCode = \""
              + noun
              + "AccessDenied"
              + i
              + "\" || $.userIdentity.arn = \"arn:aws:iam::"
              + String.format(Locale.ROOT, "%012d", i)
              + ":root\" }";
    };
  }

  private static String capital(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
