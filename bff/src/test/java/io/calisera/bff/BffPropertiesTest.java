package io.calisera.bff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** A deployment configures the bff with environment variables only. */
class BffPropertiesTest {

  @Test
  void identityProvidersAndTokenSettingsBindFromEnvironmentVariables() throws Exception {
    var environment = new StandardEnvironment();
    // the module's application.yml, which names the variables, below the variables themselves
    new YamlPropertySourceLoader()
        .load("application.yml", new ClassPathResource("application.yml"))
        .forEach(source -> environment.getPropertySources().addLast(source));
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "CALISERA_PUBLIC_BASE_URL", "https://api.calisera.io/",
                    "CALISERA_JWT_ACCESS_TOKEN_TTL", "10m",
                    "CALISERA_AUTH_DEV_LOGIN", "false",
                    "CALISERA_AUTH_PROVIDERS_GOOGLE_ISSUERURI", "https://accounts.google.com",
                    "CALISERA_AUTH_PROVIDERS_GOOGLE_AUDIENCES", "ios-client,android-client",
                    "CALISERA_AUTH_PROVIDERS_GOOGLE_CLIENTID", "web-client",
                    "CALISERA_AUTH_PROVIDERS_GOOGLE_CLIENTSECRET", "s3cret",
                    "CALISERA_AUTH_PROVIDERS_APPLE_ISSUERURI", "https://appleid.apple.com",
                    "CALISERA_AUTH_PROVIDERS_APPLE_CLIENTID", "io.calisera.app")));
    ConfigurationPropertySources.attach(environment);

    BffProperties properties = Binder.get(environment).bind("calisera", BffProperties.class).get();

    assertThat(properties.issuer()).isEqualTo("https://api.calisera.io");
    assertThat(properties.auth().accessTokenTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(properties.auth().devLogin()).isFalse();
    assertThat(properties.auth().refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(properties.auth().landingUrl()).as("the default: the base URL's root").isNull();
    BffProperties.Provider google = properties.auth().providers().get("google");
    assertThat(google.issuerUri()).isEqualTo("https://accounts.google.com");
    assertThat(google.acceptedAudiences()).containsExactly("ios-client", "android-client");
    assertThat(google.hasWebLogin()).isTrue();
    assertThat(google.scopes()).containsExactly("openid", "email", "profile");
    BffProperties.Provider apple = properties.auth().providers().get("apple");
    assertThat(apple.acceptedAudiences()).containsExactly("io.calisera.app");
    assertThat(apple.hasWebLogin()).isFalse();
  }
}
