package io.tocsin.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering of topology-docs/design-notes.md, enforced: ingest → topics → detect → alert store /
 * query → notify, with only {@code io.tocsin.app} wiring everything. A failure names the class, the
 * forbidden class it uses and the line.
 */
class LayeringTest {

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tocsin");
  }

  /** Each package and the tocsin packages it may use (besides itself). */
  static Stream<Arguments> layers() {
    return Stream.of(
        layer("model"),
        layer("config"),
        layer("topics", "model"),
        layer("kafka", "config", "topics", "model"),
        layer("pattern", "model"),
        layer("emulators", "config"),
        layer("ingest", "config", "topics", "model", "kafka"),
        layer("rules", "pattern", "model", "config"),
        layer("detect", "rules", "pattern", "topics", "model", "config", "kafka"),
        layer("store", "topics", "model", "config", "kafka"),
        layer("query", "store", "rules", "topics", "model", "config"),
        layer("notify", "store", "topics", "model", "config", "kafka"),
        layer("sample", "model"));
  }

  @ParameterizedTest(name = "io.tocsin.{0} uses only {1}")
  @MethodSource("layers")
  void shouldKeepEachPackageToItsAllowedDependencies(String layer, String[] allowed) {
    String[] permitted =
        Stream.concat(Stream.of(layer), Arrays.stream(allowed))
            .map(p -> "io.tocsin." + p + "..")
            .toArray(String[]::new);
    DescribedPredicate<JavaClass> forbidden =
        resideInAPackage("io.tocsin..").and(DescribedPredicate.not(resideInAnyPackage(permitted)));
    noClasses()
        .that()
        .resideInAPackage("io.tocsin." + layer + "..")
        .should()
        .dependOnClassesThat(forbidden)
        .because(
            "design-notes.md layering: io.tocsin."
                + layer
                + " may use only "
                + Arrays.toString(allowed))
        .allowEmptyShould(true)
        .check(production);
  }

  private static Arguments layer(String name, String... allowed) {
    return Arguments.of(name, allowed);
  }
}
