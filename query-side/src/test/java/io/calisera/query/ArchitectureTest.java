package io.calisera.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.calisera.testing.ArchitectureRules;

/**
 * The platform's rules as they apply here. The query side has no domain rules of its own (the slot
 * rules are the api's slot engine, held free of infrastructure by the api's test): its features are
 * projections and query handlers on Spring Data by design, its wiring is in {@code config}.
 */
@AnalyzeClasses(
    packages = "io.calisera.query",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnApiAndSupportLibrariesOnly =
      ArchitectureRules.dependsOnApiAndSupportLibrariesOnly("io.calisera.query");

  @ArchTest
  static final ArchRule noJackson2OfItsOwn =
      ArchitectureRules.noJackson2OfItsOwn("io.calisera.query");

  @ArchTest
  static final ArchRule featuresFreeOfCycles =
      ArchitectureRules.featuresFreeOfCycles("io.calisera.query");
}
