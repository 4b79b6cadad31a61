package io.calisera.bff.testing;

import java.time.Instant;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The bff without the hub: accounts in this JVM ({@link FakeAccounts}), the rest of the platform as
 * each test stubs it ({@link StubPlatform}), and a clock the test moves.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BffTestConfiguration {

  public static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

  @Bean
  @Primary
  public MutableClock testClock() {
    return new MutableClock(START);
  }

  @Bean
  public FakeAccounts fakeAccounts() {
    return new FakeAccounts();
  }

  @Bean
  public StubPlatform stubPlatform(CommandBus commandBus, QueryBus queryBus) {
    return new StubPlatform(commandBus, queryBus);
  }
}
