package io.calisera.bff.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.calisera.bff.web.ApiProblem;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RateLimited}: one token bucket (Bucket4j) per limit and client address ({@link
 * ClientAddresses}), refilled on the {@link Clock}. The buckets live in a cache bounded by {@code
 * calisera.rate-limits.addresses} per limit, and a bucket untouched for its whole period is dropped
 * (it would be full again anyway), so a flood from many addresses costs bounded memory: at worst
 * the least recently seen addresses start with a full bucket again.
 */
@Component
public class RateLimits implements HandlerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);

  /** Signed in: any authentication that is not Spring Security's anonymous one. */
  private static final AuthenticationTrustResolver SIGNED_IN =
      new AuthenticationTrustResolverImpl();

  private final Map<RateLimit, Limiter> limiters = new EnumMap<>(RateLimit.class);
  private final ClientAddresses clients;
  private final MeterRegistry meters;

  public RateLimits(RateLimitSettings settings, Clock clock, ObjectProvider<MeterRegistry> meters) {
    this.clients = new ClientAddresses(settings.trustedProxies());
    this.meters = meters.getIfAvailable();
    TimeMeter time = new ClockTime(clock);
    for (RateLimit limit : RateLimit.values()) {
      Rate rate = settings.of(limit);
      if (!rate.isOff()) {
        limiters.put(limit, new Limiter(rate, settings.addresses(), time));
      }
    }
    LOG.info(
        "Rate limits per client address: {}; X-Forwarded-For believed from {}",
        settings.describe(),
        settings.trustedProxies().isEmpty() ? "nobody" : settings.trustedProxies());
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    RateLimited limited = method.getMethodAnnotation(RateLimited.class);
    if (limited == null) {
      return true;
    }
    RateLimit limit = limited.value();
    Limiter limiter = limiters.get(limit);
    if (limiter == null || (limit.anonymousOnly() && signedIn())) {
      return true;
    }
    String client = clients.of(request);
    ConsumptionProbe probe = limiter.bucket(client).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return true;
    }
    if (meters != null) {
      meters.counter("calisera.rate.limited", "limit", limit.name()).increment();
    }
    Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
    LOG.debug("{} refused to {} for {}", limit, client, wait);
    throw ApiProblem.tooManyRequests(
        "Too many "
            + limit.description()
            + " from this address (at most "
            + limiter.rate().requests()
            + " per "
            + limiter.rate().per()
            + "); try again later",
        wait);
  }

  private static boolean signedIn() {
    return SIGNED_IN.isAuthenticated(SecurityContextHolder.getContext().getAuthentication());
  }

  /** How many client addresses {@code limit} holds a bucket for right now (for tests). */
  long trackedAddresses(RateLimit limit) {
    Limiter limiter = limiters.get(limit);
    if (limiter == null) {
      return 0;
    }
    limiter.buckets().cleanUp();
    return limiter.buckets().estimatedSize();
  }

  private record Limiter(Rate rate, Cache<String, Bucket> buckets, TimeMeter time) {

    Limiter(Rate rate, int addresses, TimeMeter time) {
      this(
          rate,
          Caffeine.newBuilder().maximumSize(addresses).expireAfterAccess(rate.per()).build(),
          time);
    }

    Bucket bucket(String client) {
      return buckets.get(
          client,
          key ->
              Bucket.builder()
                  .addLimit(
                      Bandwidth.builder()
                          .capacity(rate.requests())
                          .refillGreedy(rate.requests(), rate.per())
                          .build())
                  .withCustomTimePrecision(time)
                  .build());
    }
  }

  /** Bucket4j's time from the application's {@link Clock}, so tests can move it. */
  private record ClockTime(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
