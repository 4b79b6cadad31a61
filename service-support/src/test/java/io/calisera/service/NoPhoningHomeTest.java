package io.calisera.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

class NoPhoningHomeTest {

  @Test
  void withoutASettingBothSwitchesAreOff() {
    Map<String, String> properties = new HashMap<>();

    NoPhoningHome.apply(Map.of(), properties::get, properties::put);

    assertThat(properties)
        .containsEntry(NoPhoningHome.UPDATE_CHECKER_DISABLED, "true")
        .containsEntry(NoPhoningHome.CONSOLE_MESSAGE_DISABLED, "true");
  }

  @Test
  void theOperatorsOwnSettingsStay() {
    Map<String, String> properties = new HashMap<>();
    properties.put(NoPhoningHome.UPDATE_CHECKER_DISABLED, "false");
    properties.put(NoPhoningHome.CONSOLE_MESSAGE_DISABLED, "false");

    NoPhoningHome.apply(Map.of(), properties::get, properties::put);

    assertThat(properties)
        .containsEntry(NoPhoningHome.UPDATE_CHECKER_DISABLED, "false")
        .containsEntry(NoPhoningHome.CONSOLE_MESSAGE_DISABLED, "false");
  }

  @Test
  void theEnvironmentVariableCountsAsASetting() {
    Map<String, String> properties = new HashMap<>();

    NoPhoningHome.apply(
        Map.of(NoPhoningHome.UPDATE_CHECKER_DISABLED_ENV, "false"),
        properties::get,
        properties::put);

    assertThat(properties).doesNotContainKey(NoPhoningHome.UPDATE_CHECKER_DISABLED);
  }

  @Test
  void anApplicationWithThisLibraryStartsWithTheCheckerOff() {
    System.clearProperty(NoPhoningHome.UPDATE_CHECKER_DISABLED);
    System.clearProperty(NoPhoningHome.CONSOLE_MESSAGE_DISABLED);

    try (var context =
        new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run()) {
      assertThat(context.isActive()).isTrue();
    }

    if (System.getenv(NoPhoningHome.UPDATE_CHECKER_DISABLED_ENV) == null) {
      assertThat(System.getProperty(NoPhoningHome.UPDATE_CHECKER_DISABLED)).isEqualTo("true");
    }
    assertThat(System.getProperty(NoPhoningHome.CONSOLE_MESSAGE_DISABLED)).isEqualTo("true");
  }

  @Configuration(proxyBeanMethods = false)
  static class Empty {}
}
