package io.calisera.api.booking;

public enum BookingStatus {
  PENDING,
  CONFIRMED,
  DECLINED,
  CANCELLED,
  COMPLETED,
  NO_SHOW;

  /** Live bookings occupy their time (docs/api.md rule 3); the others occupy nothing. */
  public boolean isLive() {
    return this == PENDING || this == CONFIRMED;
  }
}
