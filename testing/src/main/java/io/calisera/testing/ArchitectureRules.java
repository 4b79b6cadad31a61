package io.calisera.testing;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules the platform's modules share, written once: each module's {@code
 * ArchitectureTest} applies those that concern it to its own packages.
 */
public final class ArchitectureRules {

  private ArchitectureRules() {}

  /** Infrastructure that domain rules and messages must not know: Spring, and Jackson 2 or 3. */
  public static final DescribedPredicate<JavaClass> SPRING_OR_JACKSON =
      resideInAnyPackage("org.springframework..", "com.fasterxml.jackson..", "tools.jackson..")
          .as("Spring or Jackson");

  /**
   * The domain in {@code packages} (rules, decisions, their state) knows no Spring and no Jackson:
   * wiring lives in the module's {@code config} package, and the JSON form of messages in the api's
   * {@code MessageSerialization}.
   */
  public static ArchRule freeOfSpringAndJackson(String... packages) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages)
        .should()
        .dependOnClassesThat(SPRING_OR_JACKSON)
        .because("domain rules and messages carry no infrastructure");
  }

  /**
   * A service ({@code io.calisera.<service>}) uses, of the platform's own code, only itself, the
   * {@code api} and the support libraries ({@code service-support}, {@code postgres-support}):
   * services meet only through the hub's commands, events and queries.
   */
  public static ArchRule dependsOnApiAndSupportLibrariesOnly(String servicePackage) {
    return noClasses()
        .that()
        .resideInAPackage(servicePackage + "..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.calisera..")
                .and(
                    DescribedPredicate.not(
                        resideInAnyPackage(
                            servicePackage + "..",
                            "io.calisera.api..",
                            "io.calisera.service..",
                            "io.calisera.postgres..")))
                .as("another service's classes"))
        .because("services meet only through messages routed by the hub");
  }

  /**
   * A service's own code has no Jackson 2: that is Axon's JSON of messages, which is the api's
   * {@code MessageSerialization} and set up once by {@code service-support} (a second mapper would
   * write messages the other services cannot read). HTTP speaks Boot's Jackson 3.
   */
  public static ArchRule noJackson2OfItsOwn(String servicePackage) {
    return noClasses()
        .that()
        .resideInAPackage(servicePackage + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson.databind..", "com.fasterxml.jackson.core..")
        .because("the JSON form of messages is the api's, set up by service-support");
  }

  /**
   * The feature packages of a module ({@code <modulePackage>.<feature>}) depend on each other
   * without cycles, so that each feature can be read and changed from its own package outwards.
   */
  public static ArchRule featuresFreeOfCycles(String modulePackage) {
    return slices().matching(modulePackage + ".(*)..").should().beFreeOfCycles();
  }
}
