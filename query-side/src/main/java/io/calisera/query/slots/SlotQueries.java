package io.calisera.query.slots;

import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.BookedRange;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.InstantRange;
import io.calisera.api.schedule.PreviewSlotsQuery;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.SlotEngine;
import io.calisera.query.common.ServiceDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link FindAvailableSlotsQuery} and {@link PreviewSlotsQuery}: rules 1-4 of docs/api.md over the
 * slots read model. Reads the provider's calendar and the occupancy months around the range, each
 * by {@code _id}, and leaves the rules to {@link SlotEngine}.
 */
@Component
public class SlotQueries {

  /**
   * How far a booking outside the range can still matter: a live booking occupies at most 20 hours
   * (720 minutes and two buffers of 240), and a candidate reaches at most 4 hours before its start
   * and 16 hours after it.
   */
  private static final Duration REACH = Duration.ofDays(1);

  private static final String OCCUPIED = "occupied";

  private final MongoTemplate mongo;
  private final Occupancy occupancy;
  private final Clock clock;

  public SlotQueries(MongoTemplate mongo, Occupancy occupancy, Clock clock) {
    this.mongo = mongo;
    this.occupancy = occupancy;
    this.clock = clock;
  }

  /**
   * The bookable slots. An unknown provider or service is refused with a {@link Refusal} of {@link
   * RefusalCode#NOT_FOUND} in the exception's details; a deactivated service has no slots.
   */
  @QueryHandler
  public AvailableSlots availableSlots(FindAvailableSlotsQuery query) {
    CalendarDocument calendar = calendar(query.providerId());
    return slots(
        calendar,
        query.serviceId(),
        calendar.schedule().in(calendar.zone()),
        query.from(),
        query.to(),
        query.timeZone() == null ? calendar.zone() : query.timeZone());
  }

  /**
   * The slots the same rules give with the previewed hours instead of the stored ones (the
   * provider's bookings, the service's settings and the time now as they are), in the provider's
   * zone; refused as {@link #availableSlots}.
   */
  @QueryHandler
  public AvailableSlots preview(PreviewSlotsQuery query) {
    CalendarDocument calendar = calendar(query.providerId());
    return slots(
        calendar,
        query.serviceId(),
        query.schedule(calendar.zone()),
        query.from(),
        query.to(),
        calendar.zone());
  }

  private CalendarDocument calendar(String providerId) {
    CalendarDocument calendar = mongo.findById(providerId, CalendarDocument.class);
    if (calendar == null) {
      throw notFound("provider " + providerId);
    }
    return calendar;
  }

  private AvailableSlots slots(
      CalendarDocument calendar,
      String serviceId,
      Schedule schedule,
      LocalDate from,
      LocalDate to,
      ZoneId zone) {
    ServiceDocument service =
        calendar.service(serviceId).orElseThrow(() -> notFound("service " + serviceId));
    if (!service.active()) {
      return new AvailableSlots(calendar.providerId(), serviceId, zone, List.of());
    }
    InstantRange range = InstantRange.ofLocalDates(from, to, zone);
    List<BookedRange> live = live(calendar.providerId(), range);
    return new AvailableSlots(
        calendar.providerId(),
        serviceId,
        zone,
        SlotEngine.availableSlots(schedule, service.slotSettings(), live, clock.instant(), range));
  }

  private List<BookedRange> live(String providerId, InstantRange range) {
    long reachFrom = range.start().minus(REACH).getEpochSecond();
    long reachUntil = range.endExclusive().plus(REACH).getEpochSecond();
    long[] ranges =
        occupancy.ranges(providerId, range.start().minus(REACH), range.endExclusive().plus(REACH));
    List<BookedRange> live = new ArrayList<>();
    for (int i = 0; i < ranges.length; i += 2) {
      long from = ranges[i];
      long until = ranges[i + 1];
      if (until > reachFrom && from < reachUntil) {
        // the occupied range with its buffers already applied
        live.add(
            new BookedRange(
                OCCUPIED, Instant.ofEpochSecond(from), Instant.ofEpochSecond(until), 0, 0));
      }
    }
    return live;
  }

  private static QueryExecutionException notFound(String what) {
    String message = "No " + what;
    return new QueryExecutionException(message, null, new Refusal(RefusalCode.NOT_FOUND, message));
  }
}
