package io.tocsin.ingest;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Ingestion depends only on the shared contracts (topics, model, config, kafka) and libraries. */
class IngestLayeringTest {

  @Test
  void shouldUseOnlyTopicsModelConfigAndKafkaOfTocsin() {
    classes()
        .that()
        .resideInAPackage("io.tocsin.ingest..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("io.tocsin..")
                .or(
                    resideInAnyPackage(
                        "io.tocsin.ingest..",
                        "io.tocsin.topics..",
                        "io.tocsin.model..",
                        "io.tocsin.config..",
                        "io.tocsin.kafka..")))
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tocsin.ingest"));
  }
}
