package io.calisera.bff.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint answers each client address at most as often as its {@link RateLimit} allows; more
 * is 429 {@code TOO_MANY_REQUESTS} with {@code Retry-After} ({@link RateLimits}). Its OpenAPI
 * description lists the 429.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimited {
  RateLimit value();
}
