package io.tocsin.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.ops.ParsedDockerfile.Instruction;
import io.tocsin.ops.ParsedDockerfile.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hadolint rules that matter for the tocsin image, each returning its violations (empty when
 * the Dockerfile passes). Codes follow https://github.com/hadolint/hadolint#rules.
 */
final class DockerfileRules {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern APT_INSTALL = Pattern.compile("apt-get\\s+(?:-\\S+\\s+)*install\\b");
  private static final Pattern APT_ANY =
      Pattern.compile("apt-get\\s+(?:-\\S+\\s+)*(update|install)\\b");
  private static final Pattern APT_LISTS_CLEANUP =
      Pattern.compile("rm\\s+-\\S*\\s+/var/lib/apt/lists");

  private DockerfileRules() {}

  /** DL3006: every base image names a tag or digest (stage aliases and scratch excepted). */
  static List<String> dl3006UntaggedImages(ParsedDockerfile df) {
    List<String> found = new ArrayList<>();
    Set<String> aliases = new HashSet<>();
    for (Stage stage : df.stages()) {
      String image = stage.image();
      boolean reference =
          aliases.contains(image.toLowerCase(Locale.ROOT)) || image.equals("scratch");
      if (!reference && !image.contains("$") && tagOf(image).isEmpty() && !image.contains("@")) {
        found.add(stage.from().where() + ": no tag");
      }
      if (!stage.alias().isEmpty()) {
        aliases.add(stage.alias().toLowerCase(Locale.ROOT));
      }
    }
    return found;
  }

  /** DL3007: no base image uses the moving {@code latest} tag. */
  static List<String> dl3007LatestTag(ParsedDockerfile df) {
    return df.stages().stream()
        .filter(s -> tagOf(s.image()).equals("latest"))
        .map(s -> s.from().where() + ": tag 'latest'")
        .toList();
  }

  /**
   * DL3002: the final stage switches to a non-root user, numerically (Kubernetes {@code
   * runAsNonRoot} can only verify a numeric UID), before its ENTRYPOINT and CMD.
   */
  static List<String> dl3002NonRootUser(ParsedDockerfile df) {
    List<Instruction> users = df.inFinalStage("USER");
    if (users.isEmpty()) {
      return List.of("final stage has no USER: the container would run as root");
    }
    List<String> found = new ArrayList<>();
    Instruction last = users.get(users.size() - 1);
    String user = last.operand().split(":")[0];
    if (user.equals("root") || user.equals("0")) {
      found.add(last.where() + ": the last USER is root");
    } else if (!user.matches("\\d+")) {
      found.add(last.where() + ": USER is not numeric, so runAsNonRoot cannot verify it");
    }
    for (String keyword : List.of("ENTRYPOINT", "CMD")) {
      for (Instruction i : df.inFinalStage(keyword)) {
        if (i.line() < last.line()) {
          found.add(i.where() + ": comes before the last USER");
        }
      }
    }
    return found;
  }

  /** DL3025: ENTRYPOINT and CMD use the JSON (exec) form, so signals reach the process. */
  static List<String> dl3025JsonForm(ParsedDockerfile df) {
    List<String> found = new ArrayList<>();
    for (Instruction i : df.instructions()) {
      if ((i.keyword().equals("ENTRYPOINT") || i.keyword().equals("CMD"))
          && jsonArray(i.arguments()) == null) {
        found.add(i.where() + ": shell form");
      }
    }
    return found;
  }

  /** DL3020: COPY, not ADD, for files; never ADD a URL (unverified download, no checksum). */
  static List<String> dl3020AddInsteadOfCopy(ParsedDockerfile df) {
    List<String> found = new ArrayList<>();
    for (Instruction add : df.all("ADD")) {
      String source = add.operand().split("\\s+")[0];
      if (source.matches("(?i)https?://.*|git@.*")) {
        found.add(add.where() + ": ADD of a URL");
      } else if (!source.matches(".*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tar\\.xz)")) {
        found.add(add.where() + ": ADD of a plain file; use COPY");
      }
    }
    return found;
  }

  /** DL3015: every {@code apt-get install} passes {@code --no-install-recommends}. */
  static List<String> dl3015NoInstallRecommends(ParsedDockerfile df) {
    List<String> found = new ArrayList<>();
    for (Instruction run : df.all("RUN")) {
      for (String command : run.arguments().split("&&|;|\\|\\|")) {
        if (APT_INSTALL.matcher(command).find() && !command.contains("--no-install-recommends")) {
          found.add(run.where() + ": apt-get install without --no-install-recommends");
        }
      }
    }
    return found;
  }

  /** DL3009: a RUN that uses apt-get deletes {@code /var/lib/apt/lists} in the same layer. */
  static List<String> dl3009AptListsCleanup(ParsedDockerfile df) {
    return df.all("RUN").stream()
        .filter(r -> APT_ANY.matcher(r.arguments()).find())
        .filter(r -> !APT_LISTS_CLEANUP.matcher(r.arguments()).find())
        .map(r -> r.where() + ": apt lists left in the layer")
        .toList();
  }

  /** DL3000: WORKDIR paths are absolute. */
  static List<String> dl3000AbsoluteWorkdir(ParsedDockerfile df) {
    return df.all("WORKDIR").stream()
        .filter(w -> !w.operand().startsWith("/"))
        .map(w -> w.where() + ": relative path")
        .toList();
  }

  /** DL3057: the image declares a HEALTHCHECK (and does not disable it). */
  static List<String> dl3057Healthcheck(ParsedDockerfile df) {
    List<Instruction> checks = df.inFinalStage("HEALTHCHECK");
    if (checks.isEmpty() || checks.get(checks.size() - 1).operand().equalsIgnoreCase("NONE")) {
      return List.of("final stage has no HEALTHCHECK");
    }
    return List.of();
  }

  /**
   * The HEALTHCHECK's program exists in the runtime base: curl and wget ship in the Ubuntu-based
   * eclipse-temurin images, not in the Alpine, UBI-minimal or Windows ones.
   */
  static List<String> healthcheckToolInBase(ParsedDockerfile df) {
    List<String> found = new ArrayList<>();
    String base = df.finalStage().image().toLowerCase(Locale.ROOT);
    for (Instruction check : df.inFinalStage("HEALTHCHECK")) {
      String command = check.operand().replaceFirst("^(?i)CMD\\s+", "");
      JsonNode exec = jsonArray(command);
      String program = exec != null ? exec.get(0).asText() : command.split("\\s+")[0];
      boolean temurinUbuntu =
          base.matches("(docker\\.io/)?(library/)?eclipse-temurin:[^@]*")
              && !base.matches(".*(alpine|ubi|windows|nanoserver).*");
      if ((program.equals("curl") || program.equals("wget")) && !temurinUbuntu) {
        found.add(check.where() + ": " + program + " is not known to exist in " + base);
      }
    }
    return found;
  }

  /** DL3022: COPY --from names an earlier stage (by alias or index). */
  static List<String> dl3022CopyFromKnownStage(ParsedDockerfile df) {
    List<String> found = new ArrayList<>();
    List<Stage> stages = df.stages();
    for (Instruction copy : df.all("COPY")) {
      String from = copy.flags().get("from");
      if (from == null || from.contains(":") || from.contains("/")) {
        continue;
      }
      boolean known =
          stages.stream()
              .filter(s -> s.index() < copy.stage())
              .anyMatch(s -> s.alias().equalsIgnoreCase(from) || from.equals("" + s.index()));
      if (!known) {
        found.add(copy.where() + ": no earlier stage named '" + from + "'");
      }
    }
    return found;
  }

  /** Multi-stage: the final stage copies its artifact from an earlier (build) stage. */
  static List<String> multiStage(ParsedDockerfile df) {
    if (df.stages().size() < 2) {
      return List.of("single stage: the build toolchain would ship in the image");
    }
    if (df.inFinalStage("COPY").stream().noneMatch(c -> c.flags().containsKey("from"))) {
      return List.of("final stage copies nothing from a build stage (COPY --from)");
    }
    return List.of();
  }

  /** The runtime contract's one HTTP port is exposed. */
  static List<String> exposes8080(ParsedDockerfile df) {
    boolean exposed =
        df.inFinalStage("EXPOSE").stream()
            .flatMap(e -> List.of(e.operand().split("\\s+")).stream())
            .anyMatch(p -> p.equals("8080") || p.equals("8080/tcp"));
    return exposed ? List.of() : List.of("final stage does not EXPOSE 8080");
  }

  /** The JSON array in {@code text}, or {@code null} if it is not one of strings. */
  static JsonNode jsonArray(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isArray() || node.isEmpty()) {
        return null;
      }
      for (JsonNode element : node) {
        if (!element.isTextual()) {
          return null;
        }
      }
      return node;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String tagOf(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    return colon > slash ? name.substring(colon + 1) : "";
  }
}
