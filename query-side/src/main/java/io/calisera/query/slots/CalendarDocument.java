package io.calisera.query.slots;

import io.calisera.query.common.ScheduleDocument;
import io.calisera.query.common.ServiceDocument;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the slot rules need of a provider besides its bookings: zone, weekly hours and overrides,
 * and each service's settings. The slots read model keeps its own copy, so that a slot answer and
 * its subscription updates follow one processor's progress.
 */
@Document(CalendarDocument.COLLECTION)
record CalendarDocument(
    @Id String providerId,
    String timeZone,
    List<ServiceDocument> services,
    ScheduleDocument schedule,
    long position) {

  static final String COLLECTION = "calendars";

  CalendarDocument {
    services = services == null ? List.of() : List.copyOf(services);
    schedule = schedule == null ? ScheduleDocument.EMPTY : schedule;
  }

  ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  Optional<ServiceDocument> service(String serviceId) {
    return services.stream().filter(s -> s.serviceId().equals(serviceId)).findFirst();
  }

  CalendarDocument with(
      String newTimeZone,
      List<ServiceDocument> newServices,
      ScheduleDocument newSchedule,
      long newPosition) {
    return new CalendarDocument(providerId, newTimeZone, newServices, newSchedule, newPosition);
  }
}
