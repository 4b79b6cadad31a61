package io.calisera.analytics.facts;

import io.calisera.api.schedule.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A provider as the analytics keep it, within one batch of events: its zone, its schedules, and the
 * local dates that {@code provider_days} holds for it, with what the batch must write.
 */
final class ProviderFacts {

  /**
   * How far past the last event's local date {@code provider_days} is kept: no booking can start
   * later than {@code maxDaysInAdvance} (at most 730) days after it was placed.
   */
  static final int DAYS_AHEAD = 731;

  final String providerId;
  ZoneId zone;
  LocalDate firstDay;
  LocalDate lastDay;
  long position;
  final List<ScheduleVersion> versions;

  // what the batch changed
  boolean changed;
  boolean zoneChanged;
  final List<ScheduleVersion> newVersions = new ArrayList<>();

  /** Dates whose offered minutes are to be (re)computed. */
  final NavigableSet<LocalDate> offeredToCompute = new TreeSet<>();

  /** Dates whose booking figures are to be recomputed. */
  final NavigableSet<LocalDate> bookingDaysToCompute = new TreeSet<>();

  ProviderFacts(
      String providerId,
      ZoneId zone,
      LocalDate firstDay,
      LocalDate lastDay,
      long position,
      List<ScheduleVersion> versions) {
    this.providerId = providerId;
    this.zone = zone;
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.position = position;
    this.versions = new ArrayList<>(versions);
    this.versions.sort(ScheduleVersion.ORDER);
  }

  /** A provider created at {@code at}: its days from that date on. */
  static ProviderFacts created(String providerId, ZoneId zone, Instant at, long position) {
    LocalDate day = LocalDate.ofInstant(at, zone);
    ProviderFacts provider =
        new ProviderFacts(providerId, zone, day, day.minusDays(1), position, List.of());
    provider.changed = true;
    provider.reach(at);
    return provider;
  }

  LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, zone);
  }

  /** An event at {@code at}: the days are kept up to {@link #DAYS_AHEAD} past its date. */
  void reach(Instant at) {
    include(dateOf(at).plusDays(DAYS_AHEAD));
  }

  /** {@code date} among the provider's days: new dates get their offered minutes. */
  void include(LocalDate date) {
    if (date.isAfter(lastDay)) {
      for (LocalDate d = lastDay.plusDays(1); !d.isAfter(date); d = d.plusDays(1)) {
        offeredToCompute.add(d);
      }
      lastDay = date;
      changed = true;
    }
    if (date.isBefore(firstDay)) {
      for (LocalDate d = date; d.isBefore(firstDay); d = d.plusDays(1)) {
        offeredToCompute.add(d);
      }
      firstDay = date;
      changed = true;
    }
  }

  /** A schedule set at {@code at}: in force from that local date on. */
  void scheduleSet(Schedule schedule, Instant at, long position) {
    ScheduleVersion version = new ScheduleVersion(dateOf(at), position, schedule, at);
    versions.add(version);
    versions.sort(ScheduleVersion.ORDER);
    newVersions.add(version);
    for (LocalDate d = version.effectiveFrom(); !d.isAfter(lastDay); d = d.plusDays(1)) {
      offeredToCompute.add(d);
    }
    changed = true;
  }

  /** The schedule in force now, the latest set. */
  Schedule latestSchedule() {
    return versions.isEmpty() ? null : versions.get(versions.size() - 1).schedule();
  }

  /** A booking's figures changed on {@code date}. */
  void bookingDay(LocalDate date) {
    include(date);
    bookingDaysToCompute.add(date);
    changed = true;
  }
}
