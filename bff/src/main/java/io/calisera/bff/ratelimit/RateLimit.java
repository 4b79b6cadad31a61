package io.calisera.bff.ratelimit;

/**
 * The kinds of requests that anyone can send without an account and that cost the platform (or a
 * provider) something, each limited per client address by its own setting.
 */
public enum RateLimit {
  /** Bookings by guests; a signed-in customer's bookings are not limited by address. */
  GUEST_BOOKINGS("guest bookings", true),
  /** dev-login, the token exchange and refresh. */
  LOGINS("logins", false),
  /** The provider directory's search. */
  DIRECTORY_SEARCH("directory searches", false),
  /** QR codes of booking pages (rendering one costs CPU). */
  QR_CODES("QR codes", false);

  private final String description;
  private final boolean anonymousOnly;

  RateLimit(String description, boolean anonymousOnly) {
    this.description = description;
    this.anonymousOnly = anonymousOnly;
  }

  /** What the limit counts, for its problem's detail. */
  public String description() {
    return description;
  }

  /** Whether only callers without an account count against the limit. */
  public boolean anonymousOnly() {
    return anonymousOnly;
  }
}
