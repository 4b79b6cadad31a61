package io.calisera.bff;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.calisera.testing.ArchitectureRules;

/**
 * The platform's rules as they apply here. The bff has no domain rules of its own (the aggregates
 * decide, the api's slot engine computes): its features are HTTP adapters on Spring by design,
 * speaking Boot's Jackson 3 to clients and the api's messages to the hub.
 */
@AnalyzeClasses(packages = "io.calisera.bff", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnApiAndSupportLibrariesOnly =
      ArchitectureRules.dependsOnApiAndSupportLibrariesOnly("io.calisera.bff");

  @ArchTest
  static final ArchRule noJackson2OfItsOwn =
      ArchitectureRules.noJackson2OfItsOwn("io.calisera.bff");

  @ArchTest
  static final ArchRule featuresFreeOfCycles =
      ArchitectureRules.featuresFreeOfCycles("io.calisera.bff");
}
