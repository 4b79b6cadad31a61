package io.calisera.bff.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The bff in this JVM behind MockMvc, with its embedded PostgreSQL in a fresh folder, Axon's local
 * buses instead of the hub ({@link FakeAccounts} answers for accounts, and a {@link StubPlatform}
 * what each test says for the rest), dev-login on and a {@link MutableClock}. One application
 * context for every test class that uses it. Every request comes from 127.0.0.1 while the clock
 * mostly stands still, so the rate limits are far above what the tests send ({@code RateLimitsTest}
 * has its own).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    properties = {
      "axon.axonserver.enabled=false",
      "calisera.home=target/test-home/${random.uuid}",
      "calisera.public-base-url=https://api.calisera.test",
      "calisera.auth.dev-login=true",
      "calisera.auth.refresh-token-ttl=2d",
      "calisera.max-request-body=4KB",
      "calisera.gateway.command-timeout=2s",
      "calisera.gateway.query-timeout=2s",
      // no hub: its HTTP port is a closed one
      "calisera.hub.http-url=http://127.0.0.1:1",
      "calisera.rate-limits.guest-bookings=100000/1m",
      "calisera.rate-limits.logins=100000/1m",
      "calisera.rate-limits.directory-search=100000/1m",
      "calisera.rate-limits.qr-codes=100000/1m"
    })
@AutoConfigureMockMvc
@Import(BffTestConfiguration.class)
@TestExecutionListeners(
    listeners = StubPlatformReset.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface BffTest {}
