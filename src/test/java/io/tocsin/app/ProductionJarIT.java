package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production artifact as {@code package} builds it ({@code target/tocsin.jar} and the
 * dependencies it names, {@code target/lib/tocsin-lib.jar}): what {@code tocsin run} needs, and
 * none of the broker, Scala, emulators, bench, sample traffic or stand-ins.
 */
class ProductionJarIT {

  private static final Path APP = Path.of("target", "tocsin.jar");
  private static final Path LIB = Path.of("target", "lib", "tocsin-lib.jar");
  private static final long SIZE_LIMIT = 70_000_000;

  /** Entry prefixes that belong to the development artifact only. */
  private static final List<String> DEV_ONLY =
      List.of(
          "scala/",
          "org/apache/kafka/raft/",
          "org/apache/kafka/controller/",
          "org/apache/kafka/image/",
          "org/apache/kafka/metadata/",
          "org/apache/kafka/coordinator/",
          "org/apache/kafka/storage/internals/",
          "kafka/server/",
          "kafka/log/",
          "io/tocsin/emulators/",
          "io/tocsin/sample/",
          "io/tocsin/app/bench/",
          "io/tocsin/app/LocalRun",
          "io/tocsin/app/cli/LocalCommand",
          "io/tocsin/app/cli/BenchCommand",
          "io/tocsin/kafka/EmbeddedKafkaBroker",
          "io/tocsin/notify/pagerduty/LocalPagerDuty",
          "samples/");

  private static final Set<String> entries = new HashSet<>();

  @BeforeAll
  static void readTheArtifact() throws IOException {
    assertThat(APP).as("failsafe runs after package, which builds the jar").exists();
    for (Path jar : List.of(APP, LIB)) {
      try (JarFile file = new JarFile(jar.toFile())) {
        file.stream().map(ZipEntry::getName).forEach(entries::add);
      }
    }
  }

  @Test
  void shouldStayWithinTheSizeTarget() throws IOException {
    assertThat(Files.size(APP) + Files.size(LIB)).isLessThanOrEqualTo(SIZE_LIMIT);
    assertThat(Files.size(APP)).as("the layer that changes with the code").isLessThan(2_000_000);
  }

  @Test
  void shouldHoldNoneOfTheBrokerOrTheDevelopmentTools() {
    List<String> found =
        entries.stream().filter(e -> DEV_ONLY.stream().anyMatch(e::startsWith)).sorted().toList();
    assertThat(found).isEmpty();
  }

  @Test
  void shouldCarryNativeLibrariesForGlibcLinuxX8664AndAarch64Only() {
    List<String> natives =
        entries.stream().filter(e -> e.matches(".*\\.(so|dll|dylib|jnilib|a)$")).sorted().toList();
    assertThat(natives)
        .as("RocksDB, zstd, lz4 and snappy, each for x86_64 and aarch64")
        .hasSize(8)
        .allMatch(n -> n.matches("(?i).*linux(64|-aarch64|/amd64|/aarch64|/x86_64)\\b.*"), "linux")
        .noneMatch(n -> n.contains("musl"))
        .contains("librocksdbjni-linux64.so", "librocksdbjni-linux-aarch64.so");
  }

  @Test
  void shouldShipTheMskIamAuthentication() {
    assertThat(entries)
        .contains(
            "software/amazon/msk/auth/iam/IAMLoginModule.class",
            "software/amazon/msk/auth/iam/IAMClientCallbackHandler.class");
  }

  @Test
  void shouldResolveEveryClassThatTocsinsOwnClassesUse() throws IOException {
    JavaClasses classes;
    try (JarFile jar = new JarFile(APP.toFile())) {
      classes = new ClassFileImporter().importJar(jar);
    }
    Set<String> missing = new TreeSet<>();
    for (JavaClass type : classes) {
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        JavaClass target = dependency.getTargetClass().getBaseComponentType();
        if (!target.isPrimitive() && !shipped(target.getName())) {
          missing.add(type.getName() + " -> " + target.getName());
        }
      }
    }
    assertThat(missing).as("classes the production jar uses but does not hold").isEmpty();
  }

  @Test
  void shouldSayInOneLineThatLocalLivesInTheDevelopmentArtifact() throws Exception {
    Run local = run("local", "--fresh");
    assertThat(local.exit()).isEqualTo(2);
    assertThat(local.stderr().lines().toList())
        .singleElement()
        .asString()
        .contains("tocsin-dev.jar");
    assertThat(run("bench", "--quick").exit()).isEqualTo(2);
  }

  @Test
  void shouldReplayThroughTheDetectionTopologyFromTheJar() throws Exception {
    Run replay =
        run(
            "replay",
            "--format",
            "lines",
            "--pointer",
            "/message",
            "--log-group",
            "/aws/lambda/demo",
            "src/test/resources/detect/lambda_log_lines_flat.jsonl");
    assertThat(replay.exit()).as(replay.stderr()).isZero();
    assertThat(replay.stdout()).contains("\"lambda-task-timeout\"");
  }

  private static boolean shipped(String className) {
    if (entries.contains(className.replace('.', '/') + ".class")) {
      return true;
    }
    try {
      Class.forName(className, false, ClassLoader.getPlatformClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** What one {@code java -jar target/tocsin.jar ARGS} printed and returned. */
  private record Run(int exit, String stdout, String stderr) {}

  private static Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-jar", APP.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("tocsin-jar", ".out");
    Path err = Files.createTempFile("tocsin-jar", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("java -jar " + APP + " " + String.join(" ", args) + " hung");
      }
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
