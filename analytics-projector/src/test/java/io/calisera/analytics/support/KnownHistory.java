package io.calisera.analytics.support;

import static io.calisera.analytics.support.Events.BERLIN;
import static io.calisera.analytics.support.Events.hours;
import static io.calisera.analytics.support.Events.weekdays;
import static java.time.DayOfWeek.SUNDAY;

import io.calisera.api.booking.BookingStatus;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.WeeklyHours;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A provider in Europe/Berlin over March 2026 whose figures are known by hand: two ranges of 14
 * days (2026-03-09..22 and 2026-03-23..04-05, across the clock change of 2026-03-29), a schedule
 * changed on 2026-03-31, services of 30 and 90 minutes (one added and idle, one deactivated),
 * bookings placed 3 and 10 days ahead, completed, cancelled, declined, a no-show, one moved into
 * the range and one out of it.
 *
 * <p>Schedule 1 (from 2026-03-02): weekdays 09:00-17:00 (480 min), Sundays 01:00-04:00 (180 min,
 * 120 on 2026-03-29, whose 02:00-03:00 does not exist). Schedule 2 (set 2026-03-31 12:00 local):
 * weekdays 10:00-14:00 (240 min), Good Friday 2026-04-03 closed, no Sundays.
 */
public final class KnownHistory {

  public static final String HAIRCUT = "haircut";
  public static final String COLORING = "coloring";
  public static final String BEARD = "beard";
  public static final String PERM = "perm";

  public final String providerId = "known-" + UUID.randomUUID();
  public final String haircut = HAIRCUT + "-" + providerId;
  public final String coloring = COLORING + "-" + providerId;
  public final String beard = BEARD + "-" + providerId;
  public final String perm = PERM + "-" + providerId;

  /** The first range: 2026-03-23..2026-04-05; the previous one is 2026-03-09..2026-03-22. */
  public static final LocalDate FROM = LocalDate.parse("2026-03-23");

  public static final LocalDate TO = LocalDate.parse("2026-04-05");

  public List<Object> events() {
    Events p = Events.of(providerId);
    List<Object> events = new ArrayList<>();
    events.add(p.created(BERLIN, "2026-03-02T08:00:00Z"));
    events.add(p.serviceAdded(haircut, "Haircut", 30, "2026-03-02T08:00:00Z"));
    events.add(p.serviceAdded(coloring, "Coloring", 90, "2026-03-02T08:00:00Z"));
    events.add(p.serviceAdded(beard, "Beard trim", 20, "2026-03-02T08:00:00Z"));
    events.add(p.serviceAdded(perm, "Perm", 60, "2026-03-02T08:00:00Z"));
    List<WeeklyHours> schedule1 = new ArrayList<>(weekdays("09:00", "17:00"));
    schedule1.add(hours(SUNDAY, "01:00", "04:00"));
    events.add(p.scheduleSet("2026-03-02T08:00:00Z", schedule1, List.of()));
    events.add(p.serviceDeactivated(perm, "2026-03-02T09:00:00Z"));
    events.add(p.profileUpdated(BERLIN, "2026-03-02T09:30:00Z"));
    // the previous range
    events.add(p.placed("b9", coloring, "2026-03-16T09:00:00Z", 90, "2026-03-09T08:00:00Z"));
    events.add(p.placed("b8", haircut, "2026-03-26T08:00:00Z", 30, "2026-03-10T08:00:00Z"));
    events.add(p.placed("b10", haircut, "2026-03-13T15:30:00Z", 30, "2026-03-11T08:00:00Z"));
    events.add(
        p.moved("b8", "2026-03-26T08:00:00Z", "2026-03-19T08:00:00Z", 30, "2026-03-12T08:00:00Z"));
    events.add(p.completed("b10", "2026-03-13T16:00:00Z"));
    // the range
    events.add(p.placed("b2", coloring, "2026-03-24T09:00:00Z", 90, "2026-03-14T09:00:00Z"));
    events.add(p.cancelled("b9", "2026-03-15T08:00:00Z"));
    events.add(p.placed("b1", haircut, "2026-03-23T08:00:00Z", 30, "2026-03-20T08:00:00Z"));
    events.add(p.placed("b4", coloring, "2026-03-27T13:00:00Z", 90, "2026-03-20T10:00:00Z"));
    events.add(p.cancelled("b2", "2026-03-22T10:00:00Z"));
    events.add(p.completed("b1", "2026-03-23T09:00:00Z"));
    events.add(p.placed("b5", haircut, "2026-03-25T14:00:00Z", 30, "2026-03-25T08:00:00Z"));
    events.add(
        p.moved("b4", "2026-03-27T13:00:00Z", "2026-04-02T08:00:00Z", 90, "2026-03-25T10:00:00Z"));
    events.add(p.noShow("b5", "2026-03-25T15:00:00Z"));
    // 03:00 local on the day the clocks jump, placed 3 local days before at 03:00: 71 hours
    events.add(p.placed("b3", haircut, "2026-03-29T01:00:00Z", 30, "2026-03-26T02:00:00Z"));
    events.add(p.placed("b7", haircut, "2026-03-30T14:00:00Z", 30, "2026-03-27T14:00:00Z"));
    events.add(
        p.placed(
            "b6",
            haircut,
            "2026-04-01T09:00:00Z",
            30,
            "2026-03-30T08:00:00Z",
            BookingStatus.PENDING));
    events.add(p.declined("b6", "2026-03-30T12:00:00Z"));
    events.add(
        p.scheduleSet(
            "2026-03-31T10:00:00Z",
            weekdays("10:00", "14:00"),
            List.of(DateOverride.closed(LocalDate.parse("2026-04-03")))));
    return events;
  }
}
