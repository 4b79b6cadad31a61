package io.calisera.bff.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calisera.api.common.MessageSerialization;
import io.calisera.service.AxonWiring;
import java.time.Clock;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon in the bff: the Axon Server connector's gateways only (no aggregates, no event processors).
 * What docs/stack.md says fails silently when left to auto-configuration on Boot 4 is declared
 * here, and {@link AxonWiring} logs it and verifies it at startup.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

  /** The api's JSON form of messages (Axon's Jackson 2 serializer), shared by every service. */
  @Bean
  ObjectMapper defaultAxonObjectMapper() {
    return MessageSerialization.objectMapper();
  }

  /**
   * Nothing of Axon's is stored here, so nothing for Axon to make transactional. Declared so that
   * Axon does not wrap its work in the bff's JDBC transactions by auto-configuration order.
   */
  @Bean
  TransactionManager axonTransactionManager() {
    return NoTransactionManager.INSTANCE;
  }

  /** Gateways only: no event processors. */
  @Bean
  AxonWiring axonWiring(
      org.axonframework.config.Configuration axon,
      @Qualifier("defaultAxonObjectMapper") ObjectMapper apiMapper) {
    return AxonWiring.withoutEventProcessors(axon, apiMapper);
  }

  /** Business time: every "now" of the bff (tokens, commands' {@code at}) comes from here. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
