package io.tocsin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.ops.ParsedDockerfile.Instruction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the image recipe against the hadolint rules that matter and the runtime contract. */
class DockerfileTest {

  private static final Path DOCKERFILE = Path.of("Dockerfile");
  private static final Path DEFAULT_CONFIG = Path.of("src/main/docker/config.yaml");
  private static ParsedDockerfile dockerfile;

  @BeforeAll
  static void parse() {
    dockerfile = ParsedDockerfile.read(DOCKERFILE);
  }

  @Test
  void shouldTagEveryBaseImage() {
    assertThat(DockerfileRules.dl3006UntaggedImages(dockerfile))
        .as("DL3006 Always tag the version of an image explicitly")
        .isEmpty();
  }

  @Test
  void shouldNotUseTheLatestTag() {
    assertThat(DockerfileRules.dl3007LatestTag(dockerfile))
        .as("DL3007 Using latest is prone to errors if the image will ever update")
        .isEmpty();
  }

  @Test
  void shouldRunAsANumericNonRootUserSetBeforeTheEntrypoint() {
    assertThat(DockerfileRules.dl3002NonRootUser(dockerfile))
        .as("DL3002 Last USER should not be root")
        .isEmpty();
  }

  @Test
  void shouldUseTheExecFormForEntrypointAndCmd() {
    assertThat(DockerfileRules.dl3025JsonForm(dockerfile))
        .as("DL3025 Use arguments JSON notation for CMD and ENTRYPOINT arguments")
        .isEmpty();
  }

  @Test
  void shouldCopyRatherThanAdd() {
    assertThat(DockerfileRules.dl3020AddInsteadOfCopy(dockerfile))
        .as("DL3020 Use COPY instead of ADD for files and folders (and never ADD a URL)")
        .isEmpty();
  }

  @Test
  void shouldInstallAptPackagesWithoutRecommends() {
    assertThat(DockerfileRules.dl3015NoInstallRecommends(dockerfile))
        .as("DL3015 Avoid additional packages by specifying --no-install-recommends")
        .isEmpty();
  }

  @Test
  void shouldDeleteAptListsInTheSameLayer() {
    assertThat(DockerfileRules.dl3009AptListsCleanup(dockerfile))
        .as("DL3009 Delete the apt-get lists after installing something")
        .isEmpty();
  }

  @Test
  void shouldUseAbsoluteWorkdirs() {
    assertThat(DockerfileRules.dl3000AbsoluteWorkdir(dockerfile))
        .as("DL3000 Use absolute WORKDIR")
        .isEmpty();
  }

  @Test
  void shouldDeclareAHealthcheck() {
    assertThat(DockerfileRules.dl3057Healthcheck(dockerfile))
        .as("DL3057 HEALTHCHECK instruction missing")
        .isEmpty();
    assertThat(dockerfile.inFinalStage("HEALTHCHECK").get(0).arguments())
        .as("HEALTHCHECK probes the liveness endpoint of the runtime contract")
        .contains("http://127.0.0.1:8080/health/live");
  }

  @Test
  void shouldHealthcheckWithAToolTheBaseImageShips() {
    assertThat(DockerfileRules.healthcheckToolInBase(dockerfile))
        .as("healthcheck-tool: the HEALTHCHECK program must exist in the runtime base image")
        .isEmpty();
  }

  @Test
  void shouldBuildInAStageOfItsOwnAndCopyOnlyTheProductionArtifact() {
    assertThat(DockerfileRules.multiStage(dockerfile)).as("multi-stage build").isEmpty();
    assertThat(DockerfileRules.dl3022CopyFromKnownStage(dockerfile))
        .as("DL3022 COPY --from should reference a previously defined FROM alias")
        .isEmpty();
    List<Instruction> fromBuild =
        dockerfile.inFinalStage("COPY").stream()
            .filter(c -> c.flags().containsKey("from"))
            .toList();
    assertThat(fromBuild)
        .as("the dependencies' layer, then the layer that changes with the code")
        .extracting(Instruction::operand)
        .containsExactly(
            "/build/target/lib/ /app/lib/", "/build/target/tocsin.jar /app/tocsin.jar");
    assertThat(dockerfile.all("RUN"))
        .as("the image builds the production artifact only, not the development jar")
        .anyMatch(
            r ->
                r.arguments().contains(" package")
                    && r.arguments().contains("-Dtocsin.dev.skip=true"));
  }

  @Test
  void shouldCopyThePomBeforeTheSourcesSoDependenciesAreCached() {
    List<Instruction> copies = dockerfile.all("COPY");
    int pom = indexOf(copies, "pom.xml");
    int src = indexOf(copies, "src ");
    assertThat(pom).as("COPY pom.xml").isNotNegative();
    assertThat(src).as("COPY src").isGreaterThan(pom);
    assertThat(dockerfile.all("RUN"))
        .as("dependencies are resolved between the two copies")
        .anyMatch(
            r ->
                r.arguments().contains("dependency:go-offline")
                    && r.line() > copies.get(pom).line()
                    && r.line() < copies.get(src).line());
  }

  @Test
  void shouldExposePort8080() {
    assertThat(DockerfileRules.exposes8080(dockerfile))
        .as("runtime contract: one HTTP port, 8080")
        .isEmpty();
  }

  @Test
  void shouldRunTheContractCommand() {
    List<String> command = new ArrayList<>();
    for (String keyword : List.of("ENTRYPOINT", "CMD")) {
      List<Instruction> found = dockerfile.inFinalStage(keyword);
      assertThat(found).as(keyword).hasSize(1);
      DockerfileRules.jsonArray(found.get(0).arguments()).forEach(n -> command.add(n.asText()));
    }
    assertThat(command)
        .as("runtime contract: java -jar /app/tocsin.jar run --config /etc/tocsin/config.yaml")
        .containsExactly(
            "java", "-jar", "/app/tocsin.jar", "run", "--config", "/etc/tocsin/config.yaml");
  }

  @Test
  void shouldShipADefaultConfigThatPutsStateInTheWritableStateDir() throws IOException {
    assertThat(dockerfile.inFinalStage("COPY"))
        .as("the default config is copied to where CMD reads it")
        .anyMatch(c -> c.operand().equals("src/main/docker/config.yaml /etc/tocsin/config.yaml"));
    JsonNode config = new YAMLMapper().readTree(DEFAULT_CONFIG.toFile());
    String stateDir = config.path("kafka").path("state_dir").asText();
    assertThat(stateDir).isEqualTo("/var/lib/tocsin/state");
    assertThat(config.path("api").path("port").asInt()).isEqualTo(8080);
    assertThat(dockerfile.inFinalStage("RUN"))
        .as("the state dir exists and belongs to the runtime user")
        .anyMatch(r -> r.arguments().contains(stateDir) && r.arguments().contains("chown"));
  }

  @Test
  void shouldSetContainerAwareJvmFlagsTheOperatorCanOverride() {
    assertThat(dockerfile.inFinalStage("ENV"))
        .as("JDK_JAVA_OPTIONS (read by the java launcher; exec form expands no variables)")
        .anyMatch(
            e ->
                e.arguments().startsWith("JDK_JAVA_OPTIONS=")
                    && e.arguments().contains("-XX:MaxRAMPercentage=")
                    && e.arguments().contains("-XX:+ExitOnOutOfMemoryError"));
  }

  @Test
  void shouldKeepTheBuildContextToAnAllowList() throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(lines).startsWith("*").contains("!pom.xml", "!src/");
  }

  @Test
  void shouldFlagEveryRuleOnKnownBadDockerfiles() {
    Map<String, Function<ParsedDockerfile, List<String>>> rules = new LinkedHashMap<>();
    rules.put("DL3006", DockerfileRules::dl3006UntaggedImages);
    rules.put("DL3007", DockerfileRules::dl3007LatestTag);
    rules.put("DL3002", DockerfileRules::dl3002NonRootUser);
    rules.put("DL3025", DockerfileRules::dl3025JsonForm);
    rules.put("DL3020", DockerfileRules::dl3020AddInsteadOfCopy);
    rules.put("DL3015", DockerfileRules::dl3015NoInstallRecommends);
    rules.put("DL3009", DockerfileRules::dl3009AptListsCleanup);
    rules.put("DL3000", DockerfileRules::dl3000AbsoluteWorkdir);
    rules.put("DL3057", DockerfileRules::dl3057Healthcheck);
    rules.put("DL3022", DockerfileRules::dl3022CopyFromKnownStage);
    rules.put("multi-stage", DockerfileRules::multiStage);
    rules.put("EXPOSE 8080", DockerfileRules::exposes8080);
    ParsedDockerfile bad = ParsedDockerfile.read(Path.of("src/test/resources/ops/Dockerfile.bad"));
    ParsedDockerfile badHealthcheck =
        ParsedDockerfile.read(Path.of("src/test/resources/ops/Dockerfile.bad-healthcheck"));

    SoftAssertions softly = new SoftAssertions();
    rules.forEach((code, rule) -> softly.assertThat(rule.apply(bad)).as(code).isNotEmpty());
    softly
        .assertThat(DockerfileRules.healthcheckToolInBase(badHealthcheck))
        .as("healthcheck-tool")
        .isNotEmpty();
    softly
        .assertThat(DockerfileRules.dl3002NonRootUser(badHealthcheck))
        .as("DL3002 (user by name)")
        .isNotEmpty();
    softly
        .assertThat(DockerfileRules.multiStage(badHealthcheck))
        .as("multi-stage (single stage)")
        .isNotEmpty();
    softly.assertAll();
  }

  private static int indexOf(List<Instruction> copies, String operandStart) {
    for (int i = 0; i < copies.size(); i++) {
      if (copies.get(i).operand().startsWith(operandStart)) {
        return i;
      }
    }
    return -1;
  }
}
