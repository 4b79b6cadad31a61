package io.calisera.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.calisera.testing.ArchitectureRules;

/**
 * The platform's rules as they apply here: the sagas' decisions and what they post know no Spring
 * (Axon's {@code @Saga} stereotype aside, as aggregates carry {@code @Aggregate}); the delivery and
 * its channels are adapters on Spring and JDBC by design; wiring is in {@code config}.
 */
@AnalyzeClasses(
    packages = "io.calisera.notification",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnApiAndSupportLibrariesOnly =
      ArchitectureRules.dependsOnApiAndSupportLibrariesOnly("io.calisera.notification");

  @ArchTest
  static final ArchRule noJackson2OfItsOwn =
      ArchitectureRules.noJackson2OfItsOwn("io.calisera.notification");

  @ArchTest
  static final ArchRule featuresFreeOfCycles =
      ArchitectureRules.featuresFreeOfCycles("io.calisera.notification");

  @ArchTest
  static final ArchRule decisionsKnowNoSpringOrJackson =
      ArchitectureRules.freeOfSpringAndJackson(
          "io.calisera.notification.notice..", "io.calisera.notification.text..");
}
