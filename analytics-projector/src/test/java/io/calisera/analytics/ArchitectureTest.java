package io.calisera.analytics;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.calisera.testing.ArchitectureRules;

/**
 * The platform's rules as they apply here. The analytics have no domain rules of their own (the
 * windows of a day are the api's {@code Schedule}): the facts are a projection on JDBC and the
 * insights query handlers by design, the wiring is in {@code config}.
 */
@AnalyzeClasses(
    packages = "io.calisera.analytics",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnApiAndSupportLibrariesOnly =
      ArchitectureRules.dependsOnApiAndSupportLibrariesOnly("io.calisera.analytics");

  @ArchTest
  static final ArchRule noJackson2OfItsOwn =
      ArchitectureRules.noJackson2OfItsOwn("io.calisera.analytics");

  @ArchTest
  static final ArchRule featuresFreeOfCycles =
      ArchitectureRules.featuresFreeOfCycles("io.calisera.analytics");
}
