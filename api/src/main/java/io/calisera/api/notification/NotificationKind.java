package io.calisera.api.notification;

/** What a message tells, and so whom: the booking's customer, or its provider's owner. */
public enum NotificationKind {
  /** Placed and confirmed at once, or confirmed by the owner later. */
  BOOKING_CONFIRMED(Audience.CUSTOMER),
  /** Placed, waiting for the owner's answer. */
  BOOKING_PENDING(Audience.CUSTOMER),
  BOOKING_DECLINED(Audience.CUSTOMER),
  BOOKING_RESCHEDULED(Audience.CUSTOMER),
  BOOKING_CANCELLED(Audience.CUSTOMER),
  /** Before the start (by default 24 h and 1 h). */
  REMINDER(Audience.CUSTOMER),
  OWNER_NEW_BOOKING(Audience.OWNER),
  OWNER_APPROVAL_NEEDED(Audience.OWNER),
  /** Cancelled or moved by the customer. */
  OWNER_BOOKING_CHANGED(Audience.OWNER);

  /** Who a kind of message is for. */
  public enum Audience {
    CUSTOMER,
    OWNER
  }

  private final Audience audience;

  NotificationKind(Audience audience) {
    this.audience = audience;
  }

  public Audience audience() {
    return audience;
  }
}
