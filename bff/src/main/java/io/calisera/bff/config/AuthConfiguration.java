package io.calisera.bff.config;

import io.calisera.bff.BffProperties;
import io.calisera.bff.auth.AccessTokens;
import io.calisera.bff.auth.ConfiguredSigningKeys;
import io.calisera.bff.auth.ExternalIdTokens;
import io.calisera.bff.auth.JdbcSigningKeyStore;
import io.calisera.bff.auth.Logins;
import io.calisera.bff.auth.RefreshTokens;
import io.calisera.bff.auth.RotatingSigningKeys;
import io.calisera.bff.auth.SigningKeys;
import io.calisera.bff.gateway.CommandSender;
import io.calisera.bff.gateway.QuerySender;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** Calisera's tokens: signing keys, access and refresh tokens, external ID tokens, logins. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(AuthConfiguration.class);

  @Bean
  SigningKeys signingKeys(
      BffProperties properties, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    BffProperties.Auth auth = properties.auth();
    if (!auth.signingKeys().isEmpty()) {
      var keys = new ConfiguredSigningKeys(auth.signingKeys());
      LOG.info(
          "Access tokens are signed with the configured key {} (CALISERA_JWT_SIGNING_KEYS)",
          keys.signingKey().getKeyID());
      return keys;
    }
    LOG.info(
        "Access tokens are signed with generated keys kept in the bff's database, rotated every"
            + " {}",
        auth.keyRotation());
    return new RotatingSigningKeys(
        new JdbcSigningKeyStore(jdbc, transactions),
        clock,
        auth.keyRotation(),
        auth.keyPublishAhead(),
        auth.accessTokenTtl().plus(AccessTokens.CLOCK_SKEW));
  }

  @Bean
  AccessTokens accessTokens(SigningKeys keys, Clock clock, BffProperties properties) {
    return new AccessTokens(keys, clock, properties);
  }

  @Bean
  RefreshTokens refreshTokens(
      JdbcClient jdbc, TransactionTemplate transactions, Clock clock, BffProperties properties) {
    return new RefreshTokens(jdbc, transactions, clock, properties.auth().refreshTokenTtl());
  }

  @Bean
  ExternalIdTokens externalIdTokens(BffProperties properties, Clock clock) {
    properties
        .auth()
        .providers()
        .forEach(
            (id, provider) ->
                LOG.info(
                    "Identity provider {}: issuer {}, token exchange for {}, web login {}",
                    id,
                    provider.issuerUri(),
                    provider.acceptedAudiences(),
                    provider.hasWebLogin() ? "on" : "off"));
    return new ExternalIdTokens(properties.auth().providers(), clock);
  }

  @Bean
  Logins logins(
      CommandSender commands,
      QuerySender queries,
      AccessTokens accessTokens,
      RefreshTokens refreshTokens,
      ExternalIdTokens idTokens,
      Clock clock) {
    return new Logins(commands, queries, accessTokens, refreshTokens, idTokens, clock);
  }

  @Bean
  Maintenance authMaintenance(SigningKeys keys, RefreshTokens refreshTokens) {
    return new Maintenance(keys, refreshTokens);
  }

  /** Rotates keys on time even when nobody logs in, and forgets long-expired refresh tokens. */
  static final class Maintenance {
    private final SigningKeys keys;
    private final RefreshTokens refreshTokens;

    Maintenance(SigningKeys keys, RefreshTokens refreshTokens) {
      this.keys = keys;
      this.refreshTokens = refreshTokens;
    }

    @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
    void run() {
      try {
        if (keys instanceof RotatingSigningKeys rotating) {
          rotating.maintain();
        }
        int forgotten = refreshTokens.deleteExpired();
        if (forgotten > 0) {
          LOG.info("Forgot {} expired refresh-token families", forgotten);
        }
      } catch (RuntimeException e) {
        LOG.warn("Token maintenance failed; trying again in a minute", e);
      }
    }
  }
}
