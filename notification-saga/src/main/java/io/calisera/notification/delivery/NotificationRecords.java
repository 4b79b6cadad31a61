package io.calisera.notification.delivery;

import io.calisera.api.notification.BookingNotifications;
import io.calisera.api.notification.FindBookingNotificationsQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers what was sent about a booking, from the delivery records. */
@Component
class NotificationRecords {

  private final Deliveries deliveries;

  NotificationRecords(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  @QueryHandler
  BookingNotifications find(FindBookingNotificationsQuery query) {
    return deliveries.of(query.bookingId());
  }
}
