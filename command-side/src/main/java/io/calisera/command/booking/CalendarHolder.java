package io.calisera.command.booking;

/**
 * The aggregate that holds a provider's calendar: the provider itself (decision 0002), so that its
 * lock and the event store's sequence check guard every booking decision of that provider. Handlers
 * outside the aggregate ({@link BookingPlacement}) reach the calendar through this.
 */
public interface CalendarHolder {

  /** The calendar, with what its decisions need to know of the provider as it is now. */
  Calendar calendar();
}
