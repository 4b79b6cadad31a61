package io.calisera.bff.ratelimit;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rate limits per client address ({@code calisera.rate-limits.*}; {@code application.yml} names
 * the environment variable of each, the README says why the defaults are what they are). Each
 * {@link Rate} may be {@code off}.
 *
 * @param guestBookings bookings without an account
 * @param logins dev-login, token exchange and refresh
 * @param directorySearch searches of the provider directory
 * @param qrCodes QR codes of booking pages
 * @param addresses how many client addresses each limit remembers at most (its memory bound)
 * @param trustedProxies the proxies (addresses or CIDR networks) whose {@code X-Forwarded-For}
 *     names the client; empty: the connection's address is the client
 */
@ConfigurationProperties("calisera.rate-limits")
public record RateLimitSettings(
    Rate guestBookings,
    Rate logins,
    Rate directorySearch,
    Rate qrCodes,
    Integer addresses,
    List<String> trustedProxies) {

  public RateLimitSettings {
    guestBookings = guestBookings == null ? Rate.valueOf("20/1h") : guestBookings;
    logins = logins == null ? Rate.valueOf("60/1m") : logins;
    directorySearch = directorySearch == null ? Rate.valueOf("120/1m") : directorySearch;
    qrCodes = qrCodes == null ? Rate.valueOf("60/1m") : qrCodes;
    addresses = addresses == null ? 10_000 : addresses;
    if (addresses < 1) {
      throw new IllegalArgumentException(
          "calisera.rate-limits.addresses (CALISERA_RATE_LIMIT_ADDRESSES) must be at least 1");
    }
    trustedProxies =
        trustedProxies == null
            ? List.of()
            : trustedProxies.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
  }

  public Rate of(RateLimit limit) {
    return switch (limit) {
      case GUEST_BOOKINGS -> guestBookings;
      case LOGINS -> logins;
      case DIRECTORY_SEARCH -> directorySearch;
      case QR_CODES -> qrCodes;
    };
  }

  /** The limits as the startup log shows them. */
  String describe() {
    return "guest bookings "
        + guestBookings
        + ", logins "
        + logins
        + ", directory search "
        + directorySearch
        + ", QR codes "
        + qrCodes
        + " (at most "
        + addresses
        + " addresses each)";
  }
}
