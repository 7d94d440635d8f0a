package io.tocsin.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * Production code uses only the public API of Kafka (clients, Streams) and the KCL: an {@code
 * internals} package may change or vanish in any release, and a detector built on one can stop
 * emitting alerts silently after an upgrade. The in-process broker of {@code tocsin local}, bench
 * and tests ({@link EmbeddedKafkaBroker}) is the one exception: no public API starts a broker.
 */
class PublicApiTest {

  @Test
  void shouldUseNoInternalsPackageOfKafkaOrTheKclOutsideTheEmbeddedBroker() {
    JavaClasses production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tocsin");
    noClasses()
        .that()
        .doNotBelongToAnyOf(EmbeddedKafkaBroker.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..internals..", "software.amazon.kinesis..internals..")
        .because("internals of Kafka and the KCL change without notice between releases")
        .check(production);
  }
}
