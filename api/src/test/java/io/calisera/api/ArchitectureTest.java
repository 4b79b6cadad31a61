package io.calisera.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.calisera.api.common.MessageSerialization;
import io.calisera.testing.ArchitectureRules;

/** The messages and the slot engine every service shares carry no infrastructure. */
@AnalyzeClasses(packages = "io.calisera.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * No Spring and no Jackson in messages, value objects or the slot engine: their JSON form is
   * {@link MessageSerialization}'s alone, the one class here that knows Jackson.
   */
  @ArchTest
  static final ArchRule messagesKnowNoSpringAndNoJackson =
      noClasses()
          .that()
          .resideInAPackage("io.calisera.api..")
          .and()
          .doNotBelongToAnyOf(MessageSerialization.class)
          .should()
          .dependOnClassesThat(ArchitectureRules.SPRING_OR_JACKSON);
}
