package io.calisera.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.calisera.testing.ArchitectureRules;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.spring.stereotype.Aggregate;

/** The house rules (docs/README.md) that a compiler does not check. */
@AnalyzeClasses(
    packages = "io.calisera.command",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] DOMAIN = {
    "io.calisera.command.account..",
    "io.calisera.command.booking..",
    "io.calisera.command.common..",
    "io.calisera.command.provider.."
  };

  @ArchTest
  static final ArchRule aggregatesArePackagePrivate =
      classes().that().areAnnotatedWith(Aggregate.class).should().bePackagePrivate();

  @ArchTest
  static final ArchRule aggregatesCarryAxonAnnotationsOnly =
      classes().that().areAnnotatedWith(Aggregate.class).should(carryOnlyAxonAnnotations());

  /**
   * Serialization is the wiring's business (Axon's mapper sees fields): no Spring, and no Jackson
   * annotation or type in the domain, of either Jackson (Axon's 2, Spring MVC's 3).
   */
  @ArchTest
  static final ArchRule theDomainKnowsNoSpringOrJackson =
      ArchitectureRules.freeOfSpringAndJackson(DOMAIN);

  @ArchTest
  static final ArchRule theDomainKnowsNoWiring =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.calisera.command.config..");

  @ArchTest
  static final ArchRule dependsOnApiAndSupportLibrariesOnly =
      ArchitectureRules.dependsOnApiAndSupportLibrariesOnly("io.calisera.command");

  @ArchTest
  static final ArchRule noJackson2OfItsOwn =
      ArchitectureRules.noJackson2OfItsOwn("io.calisera.command");

  @ArchTest
  static final ArchRule featuresFreeOfCycles =
      ArchitectureRules.featuresFreeOfCycles("io.calisera.command");

  private static ArchCondition<JavaClass> carryOnlyAxonAnnotations() {
    return new ArchCondition<>("carry only Axon annotations (on the class and its members)") {
      @Override
      public void check(JavaClass aggregate, ConditionEvents events) {
        List<JavaAnnotation<?>> annotations = new ArrayList<>(aggregate.getAnnotations());
        for (JavaMember member : aggregate.getMembers()) {
          annotations.addAll(member.getAnnotations());
        }
        for (JavaAnnotation<?> annotation : annotations) {
          String type = annotation.getRawType().getName();
          if (!type.startsWith("org.axonframework.")) {
            events.add(
                SimpleConditionEvent.violated(
                    aggregate, aggregate.getName() + " is annotated with " + type));
          }
        }
      }
    };
  }
}
