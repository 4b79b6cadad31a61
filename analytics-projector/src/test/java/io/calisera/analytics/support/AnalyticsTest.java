package io.calisera.analytics.support;

import io.calisera.analytics.AnalyticsApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The analytics projector as it runs, on its embedded PostgreSQL (Flyway, token store,
 * transactions, the pooled processor in batches), reading events from an in-memory event store
 * instead of the hub ({@link History}). One context for every test class: each test uses providers
 * of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = {AnalyticsApplication.class, History.class},
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "axon.axonserver.enabled=false",
      "calisera.analytics.home=target/test-home/${random.uuid}",
      // small batches, so that a history spans several and rows are read back between them
      "calisera.analytics.batch-size=7",
      "calisera.analytics.rebuild-check=50ms"
    })
public @interface AnalyticsTest {}
